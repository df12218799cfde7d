"""Ports: the Protocols the use cases depend on. Adapters implement them."""

from application.ports.clock import Clock
from application.ports.repositories import RefreshTokenRepository, UserRepository
from application.ports.security import AccessClaims, IssuedAccessToken, PasswordHasher, TokenIssuer
from application.ports.unit_of_work import UnitOfWork, UnitOfWorkFactory

__all__ = [
    "AccessClaims",
    "Clock",
    "IssuedAccessToken",
    "PasswordHasher",
    "RefreshTokenRepository",
    "TokenIssuer",
    "UnitOfWork",
    "UnitOfWorkFactory",
    "UserRepository",
]

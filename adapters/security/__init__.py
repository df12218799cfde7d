from adapters.security.jwt_tokens import JwtTokenIssuer
from adapters.security.passwords import Argon2PasswordHasher

__all__ = ["Argon2PasswordHasher", "JwtTokenIssuer"]

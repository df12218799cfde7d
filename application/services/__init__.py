from application.services.admin import AdminService
from application.services.auth import AuthService
from application.services.users import UserService

__all__ = ["AdminService", "AuthService", "UserService"]

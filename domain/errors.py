"""Domain errors. Each carries a stable machine ``code`` that clients may rely on."""

from __future__ import annotations


class DomainError(Exception):
    """Base of every error Inkport's rules raise; ``code`` never changes once published."""

    code = "domain_error"
    default_message = "The request breaks a domain rule."

    def __init__(self, message: str | None = None) -> None:
        self.message = message or self.default_message
        super().__init__(self.message)


class ValidationFailed(DomainError):
    """A value breaks a rule; ``field`` names the input it came from."""

    code = "validation_failed"
    default_message = "A value is not valid."

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        super().__init__(message)


class NotFound(DomainError):
    code = "not_found"
    default_message = "The resource does not exist."


class UserNotFound(NotFound):
    code = "user_not_found"
    default_message = "No such user."


class Conflict(DomainError):
    code = "conflict"
    default_message = "The request conflicts with the current state."


class UsernameTaken(Conflict):
    code = "username_taken"
    default_message = "That username is already taken."


class EmailTaken(Conflict):
    code = "email_taken"
    default_message = "That email address is already registered."


class LastAdmin(Conflict):
    code = "last_admin"
    default_message = "The last active admin cannot be demoted or deactivated."


class EditConflict(Conflict):
    code = "edit_conflict"
    default_message = "Someone else changed this resource first; reload and retry."


class AuthenticationFailed(DomainError):
    code = "authentication_failed"
    default_message = "Authentication failed."


class InvalidCredentials(AuthenticationFailed):
    code = "invalid_credentials"
    default_message = "Incorrect username or password."


class InvalidToken(AuthenticationFailed):
    code = "invalid_token"
    default_message = "The token is missing, invalid or expired."


class PermissionDenied(DomainError):
    code = "permission_denied"
    default_message = "You are not allowed to do that."


class InvalidCursor(DomainError):
    code = "invalid_cursor"
    default_message = "The pagination cursor is not valid."


class ServiceUnavailable(DomainError):
    """A backing service (database, cache) cannot be reached; retrying later may succeed."""

    code = "service_unavailable"
    default_message = "A backing service is unavailable; retry shortly."


class PostNotFound(NotFound):
    code = "post_not_found"
    default_message = "No such post."


class CommentNotFound(NotFound):
    code = "comment_not_found"
    default_message = "No such comment."


class ParkedEventNotFound(NotFound):
    code = "parked_event_not_found"
    default_message = "No parked outbox event has that position."


class SlugTaken(Conflict):
    """Raised by repositories when another post holds the slug; services pick another."""

    code = "slug_taken"
    default_message = "Another post already has that slug."


class PreconditionFailed(DomainError):
    code = "precondition_failed"
    default_message = "The resource changed since you read it (If-Match does not match)."


class IdempotencyKeyReused(DomainError):
    code = "idempotency_key_reused"
    default_message = "This Idempotency-Key was used with a different request."


class IdempotentRequestInFlight(Conflict):
    code = "idempotent_request_in_flight"
    default_message = "A request with this Idempotency-Key is still being processed."

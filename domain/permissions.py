"""Who may do what: pure functions over (role, relation to the resource, action)."""

from __future__ import annotations

from enum import StrEnum

from domain.users import Role


class Action(StrEnum):
    READ_DRAFT = "read_draft"
    CREATE_POST = "create_post"
    EDIT_POST = "edit_post"
    PUBLISH_POST = "publish_post"
    UNPUBLISH_POST = "unpublish_post"
    DELETE_POST = "delete_post"
    COMMENT = "comment"
    DELETE_COMMENT = "delete_comment"
    FAVORITE = "favorite"
    FOLLOW = "follow"


# Actions any signed-in user may take on published content.
_EVERYONE = {Action.COMMENT, Action.FAVORITE, Action.FOLLOW}
# Actions an author may take on their own posts.
_OWN_POST = {
    Action.READ_DRAFT,
    Action.EDIT_POST,
    Action.PUBLISH_POST,
    Action.UNPUBLISH_POST,
    Action.DELETE_POST,
}


def is_allowed(
    role: Role,
    action: Action,
    *,
    owns_post: bool = False,
    owns_comment: bool = False,
) -> bool:
    """``owns_post``: the actor wrote the post (for comment actions: the post commented
    on); ``owns_comment``: the actor wrote the comment."""
    if action in _EVERYONE:
        return True
    if role.at_least(Role.EDITOR):
        return True
    if action is Action.DELETE_COMMENT:
        return owns_comment or (owns_post and role.at_least(Role.AUTHOR))
    if action is Action.CREATE_POST:
        return role.at_least(Role.AUTHOR)
    return action in _OWN_POST and owns_post and role.at_least(Role.AUTHOR)

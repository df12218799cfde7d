"""The whole roles matrix of DESIGN.md, every (role, action, ownership) combination."""

from __future__ import annotations

import itertools

import pytest

from domain.permissions import Action, is_allowed
from domain.users import Role

OWN_POST_ACTIONS = {
    Action.READ_DRAFT,
    Action.EDIT_POST,
    Action.PUBLISH_POST,
    Action.UNPUBLISH_POST,
    Action.DELETE_POST,
}


def expected(role: Role, action: Action, owns_post: bool, owns_comment: bool) -> bool:
    """The matrix written out as a table would read, independent of the implementation."""
    if action in {Action.COMMENT, Action.FAVORITE, Action.FOLLOW}:
        return True  # every signed-in user
    if role in {Role.EDITOR, Role.ADMIN}:
        return True  # anyone's posts and comments
    if action is Action.CREATE_POST:
        return role is Role.AUTHOR
    if action is Action.DELETE_COMMENT:
        return owns_comment or (owns_post and role is Role.AUTHOR)
    assert action in OWN_POST_ACTIONS
    return role is Role.AUTHOR and owns_post


CASES = list(itertools.product(Role, Action, [False, True], [False, True]))


@pytest.mark.parametrize(("role", "action", "owns_post", "owns_comment"), CASES)
def test_every_role_action_and_ownership_combination(
    role: Role, action: Action, owns_post: bool, owns_comment: bool
) -> None:
    allowed = is_allowed(role, action, owns_post=owns_post, owns_comment=owns_comment)
    assert allowed is expected(role, action, owns_post, owns_comment)


def test_the_matrix_covers_every_combination() -> None:
    assert len(CASES) == len(Role) * len(Action) * 4 == 160


@pytest.mark.parametrize("action", sorted(OWN_POST_ACTIONS))
def test_viewers_may_not_act_even_on_posts_they_own(action: Action) -> None:
    # A demoted author keeps their posts but loses the right to change them.
    assert not is_allowed(Role.VIEWER, action, owns_post=True)


def test_authors_may_delete_comments_on_their_own_posts_only() -> None:
    assert is_allowed(Role.AUTHOR, Action.DELETE_COMMENT, owns_post=True)
    assert not is_allowed(Role.AUTHOR, Action.DELETE_COMMENT)

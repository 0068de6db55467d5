"""A stand-in kind of member post, installed only in tests, so the protocols of MemberContent
(export, deletion, release after consent) are tested on a real table."""

def load(member_password: str) -> list[str]:
    return []

def build_search(filters: dict) -> dict:
    """Return {"text": <SQL with $1, $2, ... placeholders>, "values": [<values to bind>]}."""
    return {"text": "", "values": []}

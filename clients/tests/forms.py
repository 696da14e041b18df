"""What the desk's client edit form posts, for tests that change one or two fields."""


def client_form(client_record, **overrides):
    """The client as its edit page shows it, with ``overrides``; ``None`` leaves a field out
    (an unticked box)."""
    values = {
        "kind": client_record.kind,
        "name": client_record.name,
        "registry_code": client_record.registry_code,
        "language": client_record.language,
        "address": client_record.address,
        "email": client_record.email,
        "phone": client_record.phone,
        "phone_secondary": client_record.phone_secondary,
        "account_manager": client_record.account_manager_id or "",
        "internal_notes": client_record.internal_notes,
        "is_active": "on",
        "loaded_version": client_record.version,
    }
    values.update(overrides)
    return {k: v for k, v in values.items() if v is not None}

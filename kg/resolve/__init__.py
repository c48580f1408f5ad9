"""Resolution: mentions -> entities, deterministic and explained (each merge records its rule)."""

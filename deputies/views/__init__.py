"""The deputies' pages (SPEC §3), one module per part: the roster, groups, platforms, receptions.

Each view fetches its object through deputies.permissions (so the object itself is checked), binds
its form, calls one service and turns ApplicationError into an error on the form.
"""

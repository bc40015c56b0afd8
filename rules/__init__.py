"""kdlint's checks, one rule per module; installed as the package ``kdlint.rules``.

Every module defines one :class:`kdlint.rule.Rule` subclass whose docstring is its documentation.
The registry (:mod:`kdlint.registry`) discovers them; nothing else needs to be edited to add a rule.
"""

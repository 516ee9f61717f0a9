"""Proposed provisions, off in the Code as in force.

Each is switched on by its ``amendments.<name>.in_effect`` parameter, in the manner of
PolicyEngine's ``in_effect`` parameters; a variant file (``qaitu/law/variants``) turns them on
and sets their open design questions. Nothing here changes current law.
"""

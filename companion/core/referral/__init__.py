"""The referral directory and the referral slip (Qt-free).

``services`` reads the directory (the ``service`` items of a workshop) as the
command line prints it; ``slip`` prints the one-page bilingual slip a
practitioner hands over after a screening.
"""

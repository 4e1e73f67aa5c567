"""The one translation catalogue for interface and PDF strings.

Import explicitly: ``from companion.i18n import _``. Nothing is installed into
builtins. Strings live in ``resources/translations/<locale>/LC_MESSAGES/companion.po``
and are compiled to ``.mo`` with Babel (``make translations``). Content text is
not translated here: it is bilingual data (:class:`companion.core.model.Text`).
"""

from __future__ import annotations

import functools
import gettext

from companion import resources

DEFAULT_LANGUAGE = "en"
LANGUAGES = ("en", "zh-Hans")
# gettext locale folder for each language we speak.
_LOCALE_DIRS = {"en": "en", "zh-Hans": "zh_Hans"}

_current = DEFAULT_LANGUAGE
_catalogue: gettext.NullTranslations = gettext.NullTranslations()


def normalise(lang: str | None) -> str:
    """Map loose spellings (zh, zh_CN, zh-hans) to one of :data:`LANGUAGES`."""
    if not lang:
        return DEFAULT_LANGUAGE
    return "zh-Hans" if lang.lower().replace("_", "-").startswith("zh") else "en"


@functools.cache
def load_catalogue(lang: str) -> gettext.NullTranslations:
    """The compiled catalogue of ``lang``, read once; none (the English source strings) if missing.

    Opened by its path: ``gettext.translation()`` would look the language up the
    system's way and import ``locale`` for it, at every start, for a path we know.
    """
    folder = resources.path(resources.TRANSLATIONS) / _LOCALE_DIRS[normalise(lang)] / "LC_MESSAGES"
    try:
        with open(folder / f"{resources.TRANSLATION_DOMAIN}.mo", "rb") as compiled:
            return gettext.GNUTranslations(compiled)
    except FileNotFoundError:
        return gettext.NullTranslations()


def set_language(lang: str) -> None:
    global _current, _catalogue
    _current = normalise(lang)
    _catalogue = load_catalogue(_current)


def current_language() -> str:
    return _current


def _(message: str) -> str:
    return _catalogue.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _catalogue.ngettext(singular, plural, n)


def N_(message: str) -> str:  # noqa: N802 (the gettext convention)
    """Mark a string for extraction; translate it later with ``_``."""
    return message

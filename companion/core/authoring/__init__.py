"""Workshops of one's own: copying an installed workshop, editing the copy, publishing it.

One job per module: :mod:`.workshops` copies a workshop and replaces all of
it (details, an item from a file, a folder of TOML files); :mod:`.problems`
validates one item as data, field by field; :mod:`.drafts` keeps what an
editor autosaves and replaces one item at a time; :mod:`.translations` marks
translations missing or possibly stale; :mod:`.agenda` moves sessions;
:mod:`.publish` raises the version and writes the signed packs.

Only the standard library is imported here at start (see :mod:`.workshops`).
"""

from companion.core.authoring.workshops import (
    MANIFEST as MANIFEST,
)
from companion.core.authoring.workshops import (
    WORKING_COPY as WORKING_COPY,
)
from companion.core.authoring.workshops import (
    AuthoringError as AuthoringError,
)
from companion.core.authoring.workshops import (
    DirExport as DirExport,
)
from companion.core.authoring.workshops import (
    WorkshopChanges as WorkshopChanges,
)
from companion.core.authoring.workshops import (
    agenda_problems as agenda_problems,
)
from companion.core.authoring.workshops import (
    checked_pack as checked_pack,
)
from companion.core.authoring.workshops import (
    edit_item as edit_item,
)
from companion.core.authoring.workshops import (
    editable_pack as editable_pack,
)
from companion.core.authoring.workshops import (
    export_dir as export_dir,
)
from companion.core.authoring.workshops import (
    import_dir as import_dir,
)
from companion.core.authoring.workshops import (
    is_working_copy as is_working_copy,
)
from companion.core.authoring.workshops import (
    new_workshop as new_workshop,
)
from companion.core.authoring.workshops import (
    read_trainers as read_trainers,
)
from companion.core.authoring.workshops import (
    set_details as set_details,
)

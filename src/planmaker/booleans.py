"""The yes/no words a user may write for a true/false setting, in one table.

The model reads them from YAML (``seal: 否``); the DOCX writer reads the same words
from a Markdown front matter.
"""

from __future__ import annotations

BOOL_OF = {
    "true": True,
    "false": False,
    "yes": True,
    "no": False,
    "on": True,
    "off": False,
    "是": True,
    "否": False,
    "1": True,
    "0": False,
}
"""Each word → its value; a word is looked up as written, then in lower case."""

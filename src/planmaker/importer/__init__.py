"""``planmaker import``: an existing plan or summary (Word or text) back to planmaker's YAML.

The importer runs the pipeline backwards. A reader turns a file into :class:`Source`
(paragraphs and tables with the hints a person sees: alignment, bold, size); the
recogniser finds the title, the sections, the schedule and the 落款 in those blocks and
writes the YAML of the document model, which ``check`` accepts and ``render`` turns
back into the same document. See docs/import.md.
"""

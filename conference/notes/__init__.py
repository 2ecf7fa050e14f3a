"""Conference notes written in Markdown: the format's parser and writer, the importer and exporter.

The format is documented in docs/notes-format.md.
"""

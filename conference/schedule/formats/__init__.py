"""The c3voc/pretalx schedule.json and the frab schedule.xml, out (export.py) and in (read.py)."""

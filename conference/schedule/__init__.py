"""The schedule: timetables, calendars (.ics), and the c3voc/frab schedule formats in and out."""

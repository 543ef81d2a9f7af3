# Django's German formats, spelled out so both languages are chosen here:
# "28. Juni 2021", "April 2020", "14:00 Uhr" is added in the templates.
DATE_FORMAT = "j. F Y"
SHORT_DATE_FORMAT = "d.m.Y"
DATETIME_FORMAT = "j. F Y, H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j. F"
TIME_FORMAT = "H:i"

# Django's German formats, spelled out so both languages are chosen here:
# "28. Juni 2021", "April 2020", "14:00 Uhr" is added in the templates.
DATE_FORMAT = "j. F Y"
SHORT_DATE_FORMAT = "d.m.Y"
DATETIME_FORMAT = "j. F Y, H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j. F"
TIME_FORMAT = "H:i"

# What editors type: "1.7.2019", "01.07.2019", "2019-07-01" (ISO is always
# accepted too); "10", "10 Uhr", "10.00", "10:00", "10:00 Uhr".
DATE_INPUT_FORMATS = ["%d.%m.%Y", "%d.%m.%y", "%Y-%m-%d"]
TIME_INPUT_FORMATS = [
    "%H:%M",
    "%H:%M:%S",
    "%H.%M",
    "%H",
    "%H:%M Uhr",
    "%H.%M Uhr",
    "%H Uhr",
]

# GOV.UK style dates ("31 August 2020"), used everywhere in English instead of
# Django's AP style ("Aug. 31, 2020"), which reads oddly to European visitors.
DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j F Y, H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
TIME_FORMAT = "H:i"

# The same forms as in German ("1.7.2019", "10:00", "10.00", "10"), and ISO.
DATE_INPUT_FORMATS = ["%d.%m.%Y", "%Y-%m-%d", "%d/%m/%Y"]
TIME_INPUT_FORMATS = ["%H:%M", "%H:%M:%S", "%H.%M", "%H"]

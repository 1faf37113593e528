"""The small explicit unit tables: each peer's unit names → ours, and ours → the names the
peer suites score with (CQE's normalised units, quantulum3's unit names).

"Ours" is qatool's vocabulary (../shared/spec/figures.md §1): ISO 4217 currency codes, unit
symbols (t, kg, km, mi, L, ha, GWh, MW …), "%" and "pp", duration words (year, month …).
A unit missing from a table is passed through lower-cased, so it can still match by name.
"""

from __future__ import annotations

# kind of an amount in each of our units (money is any 3-letter upper-case code)
KIND_OF: dict[str, str] = {
    **dict.fromkeys(["t", "kg", "g", "mg", "lb", "oz", "st", "kt", "Mt", "Gt"], "mass"),
    **dict.fromkeys(["L", "ml", "m3", "gal", "pt", "bcm", "Ml", "bbl", "ft3"], "volume"),
    **dict.fromkeys(["m", "km", "cm", "mm", "mi", "ft", "yd", "in", "nmi"], "length"),
    **dict.fromkeys(["m2", "km2", "ha", "acre", "sq mi", "ft2"], "area"),
    **dict.fromkeys(["Wh", "kWh", "MWh", "GWh", "TWh", "kcal"], "energy"),
    **dict.fromkeys(["W", "kW", "MW", "GW", "hp", "bhp"], "power"),
    **dict.fromkeys(["year", "month", "week", "day", "hour", "minute", "second"], "duration"),
    **dict.fromkeys(["mph", "km/h", "kn"], "speed"),
    **dict.fromkeys(["degC", "degF", "°C"], "temperature"),
    **dict.fromkeys(["Hz", "kHz", "MHz", "GHz"], "frequency"),
    **dict.fromkeys(["kbit/s", "Mbit/s", "Gbit/s"], "data_rate"),
    **dict.fromkeys(["kPa", "MPa", "GPa", "psi", "ksi"], "pressure"),
    **dict.fromkeys(["N m", "lbf ft"], "torque"),
    "mpg": "fuel_economy",
    **dict.fromkeys(["MB", "GB", "TB"], "data_size"),
    "%": "percent",
    "pp": "percent",
}


def kind_of(unit: str | None) -> str:
    if unit is None:
        return "count"
    if len(unit) == 3 and unit.isupper():
        return "money"
    return KIND_OF.get(unit, "other")


# quantulum3 unit name → ours
QUANTULUM3: dict[str, str | None] = {
    "pound sterling": "GBP",
    "penny": "GBP",
    "dollar": "USD",
    "united states dollar": "USD",
    "euro": "EUR",
    "cent": "USD",
    "japanese yen": "JPY",
    "chinese yuan": "CNY",
    "tonne": "t",
    "metric ton": "t",
    "kilogram": "kg",
    "gram": "g",
    "milligram": "mg",
    "pound-mass": "lb",
    "ounce": "oz",
    "stone": "st",
    "litre": "L",
    "millilitre": "ml",
    "cubic metre": "m3",
    "gallon": "gal",
    "pint": "pt",
    "metre": "m",
    "kilometre": "km",
    "centimetre": "cm",
    "millimetre": "mm",
    "mile": "mi",
    "foot": "ft",
    "yard": "yd",
    "inch": "in",
    "nautical mile": "nmi",
    "square metre": "m2",
    "square kilometre": "km2",
    "hectare": "ha",
    "acre": "acre",
    "square mile": "sq mi",
    "square foot": "ft2",
    "watt-hour": "Wh",
    "kilowatt-hour": "kWh",
    "megawatt-hour": "MWh",
    "gigawatt-hour": "GWh",
    "terawatt-hour": "TWh",
    "watt": "W",
    "kilowatt": "kW",
    "megawatt": "MW",
    "gigawatt": "GW",
    "year": "year",
    "month": "month",
    "week": "week",
    "day": "day",
    "hour": "hour",
    "minute": "minute",
    "second": "second",
    "mile per hour": "mph",
    "kilometre per hour": "km/h",
    "degree Celsius": "degC",
    "degree fahrenheit": "degF",
    "degree Fahrenheit": "degF",
    "percentage": "%",
    "per cent": "%",
    "percentage point": "pp",
    "dimensionless": None,
}
QUANTULUM3_SCALE = {"penny": 0.01, "cent": 0.01}

# Recognizers-Text resolution unit → ours
RECOGNIZERS: dict[str, str] = {
    "Pound": "GBP",
    "British pound": "GBP",
    "Penny": "GBP",
    "Pence": "GBP",
    "Dollar": "USD",
    "United States dollar": "USD",
    "Cent": "USD",
    "Euro": "EUR",
    "Japanese yen": "JPY",
    "Chinese yuan": "CNY",
    "Canadian dollar": "CAD",
    "Australian dollar": "AUD",
    "Ton": "t",
    "Metric ton": "t",
    "Kilogram": "kg",
    "Gram": "g",
    "Milligram": "mg",
    "Pound-mass": "lb",
    "Ounce": "oz",
    "Stone": "st",
    "Liter": "L",
    "Milliliter": "ml",
    "Cubic meter": "m3",
    "Gallon": "gal",
    "Pint": "pt",
    "Meter": "m",
    "Kilometer": "km",
    "Centimeter": "cm",
    "Millimeter": "mm",
    "Mile": "mi",
    "Foot": "ft",
    "Yard": "yd",
    "Inch": "in",
    "Square meter": "m2",
    "Square kilometer": "km2",
    "Hectare": "ha",
    "Acre": "acre",
    "Square mile": "sq mi",
    "Square foot": "ft2",
    "Watt": "W",
    "Kilowatt": "kW",
    "Megawatt": "MW",
    "Gigawatt": "GW",
    "Kilowatt hour": "kWh",
    "Megawatt hour": "MWh",
    "Gigawatt hour": "GWh",
    "Mile per hour": "mph",
    "Kilometer per hour": "km/h",
    "C": "degC",
    "F": "degF",
    "Year": "year",
    "Month": "month",
    "Week": "week",
    "Day": "day",
}
RECOGNIZERS_SCALE = {"Penny": 0.01, "Pence": 0.01, "Cent": 0.01}

# duckling unit → ours
DUCKLING: dict[str, str] = {
    "£": "GBP",
    "GBP": "GBP",
    "$": "USD",
    "USD": "USD",
    "€": "EUR",
    "EUR": "EUR",
    "cent": "USD",
    "pence": "GBP",
    "p": "GBP",
    "INR": "INR",
    "JPY": "JPY",
    "CNY": "CNY",
    "kilogram": "kg",
    "gram": "g",
    "milligram": "mg",
    "pound": "lb",
    "ounce": "oz",
    "litre": "L",
    "millilitre": "ml",
    "gallon": "gal",
    "metre": "m",
    "kilometre": "km",
    "centimetre": "cm",
    "millimetre": "mm",
    "mile": "mi",
    "foot": "ft",
    "yard": "yd",
    "inch": "in",
    "celsius": "degC",
    "fahrenheit": "degF",
    "degree": "degC",
    "year": "year",
    "month": "month",
    "week": "week",
    "day": "day",
    "hour": "hour",
    "minute": "minute",
    "second": "second",
}
DUCKLING_SCALE = {"cent": 0.01, "pence": 0.01, "p": 0.01}

# CQE normalised unit → ours
CQE: dict[str, str] = {
    "pound sterling": "GBP",
    "penny": "GBP",
    "dollar": "USD",
    "euro": "EUR",
    "cent": "USD",
    "japanese yen": "JPY",
    "chinese yuan": "CNY",
    "metric ton": "t",
    "tonne": "t",
    "kilogram": "kg",
    "gram": "g",
    "milligram": "mg",
    "pound-mass": "lb",
    "ounce": "oz",
    "litre": "L",
    "millilitre": "ml",
    "cubic metre": "m3",
    "gallon": "gal",
    "pint": "pt",
    "metre": "m",
    "kilometre": "km",
    "centimetre": "cm",
    "millimetre": "mm",
    "mile": "mi",
    "foot": "ft",
    "yard": "yd",
    "inch": "in",
    "square metre": "m2",
    "square kilometre": "km2",
    "hectare": "ha",
    "acre": "acre",
    "square mile": "sq mi",
    "square foot": "ft2",
    "watt-hour": "Wh",
    "kilowatt hour": "kWh",
    "megawatt hour": "MWh",
    "gigawatt hour": "GWh",
    "terawatt hour": "TWh",
    "watt": "W",
    "kilowatt": "kW",
    "megawatt": "MW",
    "gigawatt": "GW",
    "year": "year",
    "month": "month",
    "week": "week",
    "day": "day",
    "hour": "hour",
    "minute": "minute",
    "second": "second",
    "mile per hour": "mph",
    "kilometre per hour": "km/h",
    "celsius": "degC",
    "fahrenheit": "degF",
    "percentage": "%",
    "percentage point": "pp",
    "australian dollar": "AUD",
    "canadian dollar": "CAD",
    "new zealand dollar": "NZD",
    "hong kong dollar": "HKD",
    "singapore dollar": "SGD",
    "indian rupee": "INR",
    "swiss franc": "CHF",
    "malaysian ringgit": "MYR",
    "shekel": "ILS",
    "south african rand": "ZAR",
    "kiloton": "kt",
    "megaton": "Mt",
    "gigaton": "Gt",
    "barrel": "bbl",
    "cubic foot": "ft3",
    "megawatt-hour": "MWh",
    "kilocalorie": "kcal",
    "horsepower": "hp",
    "brake horsepower": "bhp",
    "knot": "kn",
    "nautical mile": "nmi",
    "hertz": "Hz",
    "kilohertz": "kHz",
    "megahertz": "MHz",
    "gigahertz": "GHz",
    "megabit per second": "Mbit/s",
    "gigabit per second": "Gbit/s",
    "megapascal": "MPa",
    "gigapascal": "GPa",
    "pound per square inch": "psi",
    "newton metre": "N m",
    "foot pound-force": "lbf ft",
    "megabyte": "MB",
    "gigabyte": "GB",
    "terabyte": "TB",
}
CQE_SCALE = {"penny": 0.01, "cent": 0.01}

# ours → CQE's normalised unit names (NewsQuant and the Recognizers-Text sets in CQE's format)
TO_CQE: dict[str, str] = {
    "GBP": "pound sterling",
    "USD": "dollar",
    "EUR": "euro",
    "JPY": "japanese yen",
    "CNY": "chinese yuan",
    "AUD": "australian dollar",
    "CAD": "canadian dollar",
    "HKD": "hong kong dollar",
    "CHF": "swiss franc",
    "INR": "indian rupee",
    "NZD": "new zealand dollar",
    "SGD": "singapore dollar",
    "PKR": "rupee",
    "MYR": "malaysian ringgit",
    "ILS": "shekel",
    "DKK": "danish krone",
    "SEK": "swedish krone",
    "NOK": "norwegian krone",
    "ZAR": "south african rand",
    "RUB": "russian ruble",
    "MXN": "mexican peso",
    "BRL": "brazilian real",
    "KRW": "south korean won",
    "TRY": "turkish lira",
    "KES": "kenyan shilling",
    "UAH": "ukrainian hryvnia",
    "NGN": "nigerian naira",
    "PLN": "polish zloty",
    "t": "metric ton",
    "kt": "kiloton",
    "Mt": "megaton",
    "Gt": "gigaton",
    "kg": "kilogram",
    "g": "gram",
    "mg": "milligram",
    "lb": "pound-mass",
    "oz": "ounce",
    "st": "stone",
    "L": "litre",
    "ml": "millilitre",
    "m3": "cubic metre",
    "gal": "gallon",
    "pt": "pint",
    "bbl": "barrel",
    "ft3": "cubic foot",
    "m": "metre",
    "km": "kilometre",
    "cm": "centimetre",
    "mm": "millimetre",
    "mi": "mile",
    "ft": "foot",
    "yd": "yard",
    "in": "inch",
    "m2": "square metre",
    "km2": "square kilometre",
    "ha": "hectare",
    "acre": "acre",
    "ft2": "square foot",
    "sq mi": "square mile",
    "W": "watt",
    "kW": "kilowatt",
    "MW": "megawatt",
    "GW": "gigawatt",
    "hp": "horsepower",
    "bhp": "brake horsepower",
    "Wh": "watt-hour",
    "kWh": "kilowatt hour",
    "MWh": "megawatt hour",
    "GWh": "gigawatt hour",
    "TWh": "terawatt hour",
    # CQE names news' (food) "Calories" "calorie"; qatool reads them as kilocalories
    "kcal": "calorie",
    "mph": "mile per hour",
    "km/h": "kilometre per hour",
    "kn": "knot",
    "nmi": "nautical mile",
    "°C": "celsius",
    "degC": "celsius",
    "degF": "fahrenheit",
    "Hz": "hertz",
    "kHz": "kilohertz",
    "MHz": "megahertz",
    "GHz": "gigahertz",
    "kbit/s": "kilobit per second",
    "Mbit/s": "megabit per second",
    "Gbit/s": "gigabit per second",
    "kPa": "kilopascal",
    "MPa": "megapascal",
    "GPa": "gigapascal",
    "psi": "pound per square inch",
    "ksi": "kilopound per square inch",
    "N m": "newton metre",
    "lbf ft": "foot pound-force",
    "mpg": "mile per gallon",
    "MB": "megabyte",
    "GB": "gigabyte",
    "TB": "terabyte",
    "%": "percentage",
    "pp": "percentage point",
    "year": "year",
    "month": "month",
    "week": "week",
    "day": "day",
    "hour": "hour",
    "minute": "minute",
    "second": "second",
}

# ours → quantulum3's unit names (its quantities.json)
TO_QUANTULUM3: dict[str, str | None] = {
    "GBP": "pound sterling",
    "USD": "dollar",
    "EUR": "euro",
    "JPY": "japanese yen",
    "t": "tonne",
    "kg": "kilogram",
    "g": "gram",
    "mg": "milligram",
    "lb": "pound-mass",
    "oz": "ounce",
    "L": "litre",
    "ml": "millilitre",
    "m3": "cubic metre",
    "gal": "gallon",
    "m": "metre",
    "km": "kilometre",
    "cm": "centimetre",
    "mm": "millimetre",
    "mi": "mile",
    "ft": "foot",
    "yd": "yard",
    "in": "inch",
    "m2": "square metre",
    "km2": "square kilometre",
    "ha": "hectare",
    "acre": "acre",
    "W": "watt",
    "kW": "kilowatt",
    "MW": "megawatt",
    "GW": "gigawatt",
    "kWh": "kilowatt hour",
    "GWh": "gigawatt hour",
    "mph": "mile per hour",
    "km/h": "kilometre per hour",
    "degC": "degree Celsius",
    "degF": "degree fahrenheit",
    "%": "percentage",
    "year": "year",
    "month": "month",
    "week": "week",
    "day": "day",
    "hour": "hour",
    "minute": "minute",
    "second": "second",
}


# a unit (or counted noun) as qatool writes it → CQE's name, for what TO_CQE does not cover
SURFACE_TO_CQE: dict[str, str] = {
    "°c": "celsius",
    "°f": "fahrenheit",
    "hp": "horsepower",
    "hz": "hertz",
    "mhz": "megahertz",
    "ghz": "gigahertz",
    "μm": "micrometre",
    "ppb": "parts-per-billion",
    "ppm": "parts-per-million",
    "rpm": "revolutions per minute",
    "mpg": "mile per gallon",
    "mah": "milliampere-hour",
    "yen": "japanese yen",
    "jpy": "japanese yen",
    "yuan": "chinese yuan",
    "cny": "chinese yuan",
    "gigatonne": "gigaton",
    "sq m": "square metre",
    "sq ft": "square foot",
    "sq km": "square kilometre",
    "sq mile": "square mile",
}

# denominators of more than one word that qatool gives whole (its multi-word unit names)
PER_UNITS = frozenset(
    {
        *(f"square {u}" for u in ("foot", "feet", "metre", "metres", "meter", "meters")),
        *(f"square {u}" for u in ("kilometre", "kilometres", "mile", "miles")),
        *(f"cubic {u}" for u in ("foot", "feet", "metre", "metres", "meter", "meters")),
        *("sq m", "sq ft", "sq km", "sq miles", "sq metres", "cu m", "cu ft"),
        *(f"{p}watt hour" for p in ("kilo", "mega", "giga", "tera")),
        *(f"{p}watt hours" for p in ("kilo", "mega", "giga", "tera")),
    }
)


IRREGULAR_PLURALS = {
    "children": "child",
    "people": "people",
    "feet": "foot",
    "teeth": "tooth",
    "mice": "mouse",
    "geese": "goose",
    "women": "woman",
    "men": "man",
}


def _singular_word(w: str) -> str:
    if w in IRREGULAR_PLURALS:
        return IRREGULAR_PLURALS[w]
    if w.endswith("men") and len(w) > 4:  # fishermen, servicemen
        return w[:-3] + "man"
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("ches", "shes", "sses", "xes", "uses")):
        return w[:-2]
    if w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 3:
        return w[:-1]
    return w


def singular(noun: str) -> str:
    """The last word of a noun made singular, crudely ("officers" → "officer")."""
    w = noun.strip().lower().split(" ")[-1] if noun.strip() else ""
    return _singular_word(w)


def singular_phrase(noun: str) -> str:
    """A counted noun phrase with its head made singular ("heart transplants" → "heart
    transplant"): CQE names a count's unit by the whole phrase counted."""
    words = noun.strip().lower().split()
    if not words:
        return ""
    return " ".join([*words[:-1], _singular_word(words[-1])])


def to_cqe(pred: dict) -> str:
    """The CQE normalised-unit name of one prediction."""
    if pred.get("cqe_unit"):
        return str(pred["cqe_unit"]).lower()
    unit = pred.get("unit")
    if unit is None:
        item = pred.get("item")
        name = singular_phrase(item) if item else "-"
    else:
        name = TO_CQE.get(unit, str(unit).lower())
    name = SURFACE_TO_CQE.get(name, name)
    per = pred.get("per")
    if not per or name == "-":
        return name
    # a denominator of several words is one unit ("square foot"); one word is its last word
    denominator = singular_phrase(per) if per.lower() in PER_UNITS else singular(per)
    return f"{name} per {SURFACE_TO_CQE.get(denominator, denominator)}"


def to_quantulum3(pred: dict) -> str:
    """The quantulum3 unit name of one prediction."""
    if pred.get("q3_unit"):
        return str(pred["q3_unit"])
    unit = pred.get("unit")
    if unit is None:
        return "dimensionless"
    return TO_QUANTULUM3.get(unit, str(unit).lower())

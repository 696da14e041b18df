"""Believable names for the company at scale: people, companies, places, in four languages.

Every e-mail address must be ASCII and unique, so each name carries its
transliteration (Estonian letters plain, Russian and Chinese romanised), and
``Emails`` hands out ``first.last@domain`` with a number when it is taken.
"""

import random
import re
from dataclasses import dataclass


def _words(text: str) -> list[str]:
    return text.split()


def _pairs(text: str) -> list[tuple[str, ...]]:
    # "written:romanised" (and ":sex" for Russian first names).
    return [tuple(entry.split(":")) for entry in text.split()]


# (written, romanised) pairs; Estonian and English names romanise themselves.
ESTONIAN_FIRST = _words(
    """
    Mari Kadri Liis Tiina Kersti Piret Triin Kairi Maarja Anu Eve Helen Kristiina Merike Reet
    Sirje Tuuli Ülle Grete Kätlin Marko Jaan Toomas Peeter Andres Mart Priit Rein Tõnu Urmas
    Indrek Siim Kalle Margus Raivo Ott Karl Rasmus Mihkel Jüri
"""
)
ESTONIAN_LAST = _words(
    """
    Tamm Saar Sepp Mägi Kask Kukk Rebane Ilves Pärn Koppel Lepp Oja Kuusk Raudsepp Vaher Lill
    Kalda Põder Teder Kõiv Luik Org Järv Valk Kivi Mölder Nurk Laur Aavik Paju
"""
)
RUSSIAN_FIRST = _pairs(
    """
    Ирина:irina:f Елена:elena:f Наталья:natalia:f Ольга:olga:f Татьяна:tatiana:f
    Светлана:svetlana:f Анна:anna:f Мария:maria:f Юлия:julia:f Екатерина:jekaterina:f
    Сергей:sergei:m Андрей:andrei:m Павел:pavel:m Дмитрий:dmitri:m Алексей:aleksei:m
    Николай:nikolai:m Владимир:vladimir:m Игорь:igor:m Максим:maksim:m Михаил:mihhail:m
"""
)
# Surnames by their masculine form; a woman's takes "а".
RUSSIAN_LAST = _pairs(
    """
    Иванов:ivanov Петров:petrov Смирнов:smirnov Кузнецов:kuznetsov Волков:volkov
    Соколов:sokolov Морозов:morozov Орлов:orlov Попов:popov Лебедев:lebedev Козлов:kozlov
    Новиков:novikov Фёдоров:fjodorov Егоров:jegorov Васильев:vassiljev
"""
)
CHINESE_LAST = _pairs(
    """
    王:wang 李:li 张:zhang 刘:liu 陈:chen 杨:yang 黄:huang 赵:zhao 吴:wu 周:zhou
"""
)
CHINESE_FIRST = _pairs(
    """
    伟:wei 娜:na 静:jing 敏:min 磊:lei 洋:yang 艳:yan 勇:yong 军:jun 杰:jie 秀英:xiuying
    晓明:xiaoming 丽华:lihua 建国:jianguo 海燕:haiyan
"""
)
ENGLISH_FIRST = _words(
    """
    James Emma Oliver Sophie Daniel Laura Thomas Hannah George Grace Michael Emily David
    Sarah Peter Alice Robert Claire
"""
)
ENGLISH_LAST = _words(
    """
    Smith Brown Taylor Wilson Johnson Walker Wright Green Hall Clarke Turner Hughes Evans
    Baker Harris Cooper Ward Morgan
"""
)

# Languages of the people, in believable proportions for a company in Estonia.
LANGUAGE_WEIGHTS = {"et": 60, "ru": 28, "en": 8, "zh-hans": 4}

PLAIN = str.maketrans("äöüõšžÄÖÜÕŠŽ", "aouoszAOUOSZ")


@dataclass(frozen=True)
class Person:
    full_name: str
    language: str
    # The ASCII local part of their e-mail: "first.last".
    local: str


def person(rng: random.Random, language: str | None = None) -> Person:
    """Someone with a name in ``language`` (drawn by LANGUAGE_WEIGHTS when not given)."""
    if language is None:
        language = rng.choices(list(LANGUAGE_WEIGHTS), weights=list(LANGUAGE_WEIGHTS.values()))[0]
    if language == "ru":
        first, first_latin, sex = rng.choice(RUSSIAN_FIRST)
        last, last_latin = rng.choice(RUSSIAN_LAST)
        if sex == "f":
            last, last_latin = last + "а", last_latin + "a"
        return Person(f"{first} {last}", "ru", f"{first_latin}.{last_latin}")
    if language == "zh-hans":
        last, last_latin = rng.choice(CHINESE_LAST)
        first, first_latin = rng.choice(CHINESE_FIRST)
        return Person(f"{last}{first}", "zh-hans", f"{last_latin}.{first_latin}")
    if language == "en":
        first, last = rng.choice(ENGLISH_FIRST), rng.choice(ENGLISH_LAST)
        return Person(f"{first} {last}", "en", f"{first}.{last}".lower())
    first, last = rng.choice(ESTONIAN_FIRST), rng.choice(ESTONIAN_LAST)
    return Person(f"{first} {last}", "et", f"{first}.{last}".lower().translate(PLAIN))


class Emails:
    """Unique addresses: ``first.last@domain``, then ``first.last2@domain`` and so on."""

    def __init__(self) -> None:
        self._taken: set[str] = set()

    def take(self, address: str) -> str:
        """Reserve a fixed address (the documented benchmark logins); it must be free."""
        address = address.lower()
        if address in self._taken:
            raise ValueError(f"{address} is taken twice.")
        self._taken.add(address)
        return address

    def unique(self, local: str, domain: str) -> str:
        local = re.sub(r"[^a-z0-9.]", "", local.lower()) or "user"
        address, number = f"{local}@{domain}", 1
        while address in self._taken:
            number += 1
            address = f"{local}{number}@{domain}"
        self._taken.add(address)
        return address


def mobile(rng: random.Random, language: str) -> str:
    """A mobile number as people type it; PhoneField stores it normalised."""
    if language == "ru" and rng.random() < 0.3:
        return f"+7 921 {rng.randint(100, 999)} {rng.randint(1000, 9999)}"
    return f"+372 5{rng.randint(100, 999)} {rng.randint(1000, 9999)}"


# Places where the provider works, by region; a site's staff come from its region.
REGIONS = {
    "Tallinn": [
        (
            "Tallinn",
            [
                "Pärnu mnt",
                "Narva mnt",
                "Tartu mnt",
                "Peterburi tee",
                "Sõpruse pst",
                "Mustamäe tee",
                "Kadaka tee",
                "Paldiski mnt",
                "Ehitajate tee",
                "Laki",
                "Tammsaare tee",
                "Vabaduse pst",
                "Rävala pst",
                "Liivalaia",
                "Endla",
            ],
        ),
        ("Maardu", ["Vana-Narva mnt", "Keemikute"]),
        ("Saue", ["Tule", "Pärnasalu"]),
    ],
    "Tartu": [
        ("Tartu", ["Riia", "Ringtee", "Turu", "Raatuse", "Vanemuise", "Aardla", "Anne"]),
        ("Viljandi", ["Tallinna", "Jakobsoni"]),
        ("Võru", ["Kreutzwaldi", "Jüri"]),
    ],
    "Pärnu": [
        ("Pärnu", ["Papiniidu", "Riia mnt", "Lai", "Rüütli", "Tallinna mnt"]),
        ("Kuressaare", ["Tallinna", "Kauba"]),
        ("Haapsalu", ["Jaama", "Posti"]),
    ],
    "Ida-Viru": [
        ("Narva", ["Tallinna mnt", "Kreenholmi", "Rakvere", "Puškini"]),
        ("Jõhvi", ["Keskväljak", "Narva mnt"]),
        ("Rakvere", ["Laada", "Tööstuse"]),
    ],
    "Saint Petersburg": [
        (
            "Санкт-Петербург",
            [
                "Невский проспект",
                "Лиговский проспект",
                "Московский проспект",
                "Садовая улица",
                "Литейный проспект",
                "Большой проспект В. О.",
            ],
        ),
    ],
}
DISTRICTS = _words(
    """
    Mustamäe Kadaka Lõunakeskus Kristiine Ülemiste Rocca Järve Nõmme Pirita Lasnamäe Kesklinn
    Annelinn Karlova Supilinn Rannarajoon Kesk Mõigu Kopli Pelgulinn Kalamaja Tähtvere Raadi
    Ropka Veeriku
"""
)

COMPANY_WORDS = _words(
    """
    Põhja Lõuna Balti Rannaküla Kalevi Metsa Järve Tähe Kivi Sinilille Vahtra Tamme Linna
    Küla Merelaine Kotka Päikese Valge Hõbe Kuld
"""
)
COMPANY_TRADES = _words(
    """
    Kinnisvara Logistika Ehitus Kaubandus Hotellid Tervisekeskus Büroo Tootmine Apteek Auto
    Pagar Keskkond Hambakliinik Lasteaed Spordiklubi
"""
)
RUSSIAN_COMPANIES = [
    "Северный ветер",
    "Балтика-Сервис",
    "Нева-Групп",
    "Ладога",
    "Петровский",
    "Гранит",
    "Аврора",
    "Меридиан",
    "Фонтанка",
    "Сфера",
    "Альфа-Склад",
    "Невский берег",
]
ENGLISH_COMPANIES = [
    "Northgate",
    "Harbour",
    "Bluewater",
    "Kingsway",
    "Silverline",
    "Oakfield",
    "Baltic Bridge",
    "Westpoint",
    "Greenleaf",
    "Summit",
]
ENGLISH_TRADES = ["Offices", "Logistics", "Hotels", "Clinics", "Retail", "Properties"]
CHINESE_COMPANIES = ["华东贸易", "远洋物流", "长城科技", "东方之星", "金龙餐饮", "和平医疗"]


def company(rng: random.Random, language: str) -> str:
    """An organisation's name as it is registered, in its own language."""
    if language == "ru":
        return f"ООО «{rng.choice(RUSSIAN_COMPANIES)}»"
    if language == "en":
        return f"{rng.choice(ENGLISH_COMPANIES)} {rng.choice(ENGLISH_TRADES)} Ltd"
    if language == "zh-hans":
        return f"{rng.choice(CHINESE_COMPANIES)}有限公司"
    suffix = rng.choice(["OÜ", "OÜ", "OÜ", "AS"])
    return f"{rng.choice(COMPANY_WORDS)} {rng.choice(COMPANY_TRADES)} {suffix}"


def address(rng: random.Random, region: str) -> tuple[str, str]:
    """(street address with the city, city) somewhere in ``region``."""
    city, streets = rng.choice(REGIONS[region])
    number = rng.randint(1, 160)
    number_text = f"{number}{rng.choice('abc')}" if rng.random() < 0.2 else str(number)
    return f"{rng.choice(streets)} {number_text}, {city}", city

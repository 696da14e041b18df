"""The demo company: believable clients, sites, staff for every role and client users.

Used by ``manage.py seed_demo``; running it again restores the same state.
"""

from django.db import transaction

from accounts.models import User
from accounts.roles import Role
from clients.models import Client, Membership, Site
from common.capabilities import DEMO_PASSWORD

STAFF = [
    # email, name, role, language, title, phone
    (
        "admin@clientdesk.example",
        "Kadri Tamm",
        Role.ADMINISTRATOR,
        "et",
        "Süsteemi administraator",
        "+372 600 1001",
    ),
    (
        "marko.kask@clientdesk.example",
        "Marko Kask",
        Role.ACCOUNT_MANAGER,
        "et",
        "Kliendihaldur, Eesti kaubandus",
        "+372 5123 4567",
    ),
    (
        "irina.volkova@clientdesk.example",
        "Ирина Волкова",
        Role.ACCOUNT_MANAGER,
        "ru",
        "Менеджер по работе с клиентами",
        "+7 812 600 1002",
    ),
    (
        "tiina.saar@clientdesk.example",
        "Tiina Saar",
        Role.SERVICE_DIRECTOR,
        "et",
        "Teenindusdirektor, Tallinna piirkond",
        "+372 5234 5678",
    ),
    (
        "sergei.petrov@clientdesk.example",
        "Сергей Петров",
        Role.SERVICE_DIRECTOR,
        "ru",
        "Директор по обслуживанию",
        "+7 812 600 1003",
    ),
    (
        "jaan.oja@clientdesk.example",
        "Jaan Oja",
        Role.WORK_MANAGER,
        "et",
        "Tööjuht",
        "+372 5345 6789",
    ),
    (
        "pavel.orlov@clientdesk.example",
        "Павел Орлов",
        Role.WORK_MANAGER,
        "ru",
        "Заведующий работами",
        "+7 812 600 1004",
    ),
    (
        "liis.magi@clientdesk.example",
        "Liis Mägi",
        Role.QUALITY_INSPECTOR,
        "et",
        "Kvaliteedispetsialist",
        "+372 5456 7890",
    ),
    (
        "elena.kuznetsova@clientdesk.example",
        "Елена Кузнецова",
        Role.OPERATOR,
        "ru",
        "Оператор клиентской службы",
        "+372 600 1005",
    ),
    (
        "peeter.lepp@clientdesk.example",
        "Peeter Lepp",
        Role.REVIEWER,
        "et",
        "Kvaliteedijuht",
        "+372 600 1006",
    ),
    (
        "wang.wei@clientdesk.example",
        "王伟",
        Role.TECHNICIAN,
        "zh-hans",
        "维修技术员",
        "+372 5567 8901",
    ),
]

CLIENTS = [
    {
        "registry_code": "10234567",
        "name": "Measika kaubanduse OÜ",
        "kind": Client.Kind.ORGANISATION,
        "language": "et",
        "address": "Ühe tee 15, 10115 Tallinn",
        "email": "info@measika.example",
        "phone": "+372 640 0100",
        "phone_secondary": "+372 5100 2000",
        "account_manager": "marko.kask@clientdesk.example",
        "internal_notes": "Jaekett, 4 objekti. Arved kuu lõpus.",
        "sites": [
            (
                "Kauplus \u201eMammu\u201c",
                "Ühe tee 15, Tallinn",
                "tiina.saar@clientdesk.example",
                "jaan.oja@clientdesk.example",
            ),
            (
                "Kauplus \u201eKadaka\u201c",
                "Kadaka tee 56, Tallinn",
                "tiina.saar@clientdesk.example",
                "jaan.oja@clientdesk.example",
            ),
            (
                "Kauplus \u201eLõunakeskus\u201c",
                "Ringtee 75, Tartu",
                "tiina.saar@clientdesk.example",
                "jaan.oja@clientdesk.example",
            ),
            ("Ladu Maardu", "Vana-Narva mnt 24, Maardu", "tiina.saar@clientdesk.example", None),
        ],
        "users": [
            (
                "mari.kuusk@measika.example",
                "Mari Kuusk",
                Role.CLIENT_ADMIN,
                "et",
                "+372 5600 1111",
                [],
            ),
            (
                "toomas.rebane@measika.example",
                "Toomas Rebane",
                Role.SITE_CONTACT,
                "et",
                "+372 5600 2222",
                ["Kauplus \u201eMammu\u201c"],
            ),
        ],
    },
    {
        "registry_code": "7812345678",
        "name": "ООО \u00abБизнес-центр \u201eНевский\u201c\u00bb",
        "kind": Client.Kind.ORGANISATION,
        "language": "ru",
        "address": "Невский проспект, 100, Санкт-Петербург",
        "email": "office@nevsky.example",
        "phone": "+7 812 400 5000",
        "phone_secondary": "",
        "account_manager": "irina.volkova@clientdesk.example",
        "internal_notes": "Офисный центр класса B+, круглосуточная охрана.",
        "sites": [
            (
                "Башня А",
                "Невский проспект, 100, корп. А",
                "sergei.petrov@clientdesk.example",
                "pavel.orlov@clientdesk.example",
            ),
            (
                "Башня Б",
                "Невский проспект, 100, корп. Б",
                "sergei.petrov@clientdesk.example",
                "pavel.orlov@clientdesk.example",
            ),
            (
                "Паркинг",
                "Невский проспект, 100, паркинг -1",
                "sergei.petrov@clientdesk.example",
                None,
            ),
        ],
        "users": [
            (
                "andrei.sokolov@nevsky.example",
                "Андрей Соколов",
                Role.CLIENT_ADMIN,
                "ru",
                "+7 921 100 2030",
                [],
            ),
            (
                "natalia.morozova@nevsky.example",
                "Наталья Морозова",
                Role.SITE_CONTACT,
                "ru",
                "+7 921 100 4050",
                ["Башня А"],
            ),
        ],
    },
    {
        "registry_code": "",
        "name": "李娜 (Li Na)",
        "kind": Client.Kind.PERSON,
        "language": "zh-hans",
        "address": "Pärnu mnt 22-5, 10141 Tallinn",
        "email": "li.na@example.com",
        "phone": "+372 5899 0011",
        "phone_secondary": "",
        "account_manager": "marko.kask@clientdesk.example",
        "internal_notes": "",
        "sites": [
            ("家 / Kodu", "Pärnu mnt 22-5, Tallinn", "tiina.saar@clientdesk.example", None),
        ],
        "users": [
            ("li.na@example.com", "李娜", Role.PRIVATE_CUSTOMER, "zh-hans", "+372 5899 0011", []),
        ],
    },
]


def _user(email, full_name, role, language, phone, title=""):
    user, _created = User.objects.update_or_create(
        email=email,
        defaults={
            "full_name": full_name,
            "role": role,
            "language": language,
            "phone": phone,
            "title": title,
            "is_active": True,
            "is_staff": role == Role.ADMINISTRATOR,
            "is_superuser": role == Role.ADMINISTRATOR,
        },
    )
    if not user.check_password(DEMO_PASSWORD):
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user


@transaction.atomic
def seed():
    staff = {}
    for email, name, role, language, title, phone in STAFF:
        staff[email] = _user(email, name, role, language, phone, title)
    for spec in CLIENTS:
        lookup = (
            {"registry_code": spec["registry_code"]}
            if spec["registry_code"]
            else {"name": spec["name"]}
        )
        client, _created = Client.objects.update_or_create(
            **lookup,
            defaults={
                key: spec[key]
                for key in (
                    "name",
                    "kind",
                    "language",
                    "address",
                    "email",
                    "phone",
                    "phone_secondary",
                    "internal_notes",
                    "registry_code",
                )
            }
            | {"account_manager": staff[spec["account_manager"]], "is_active": True},
        )
        sites = {}
        for name, address, director, manager in spec["sites"]:
            sites[name], _created = Site.objects.update_or_create(
                client=client,
                name=name,
                defaults={
                    "address": address,
                    "status": Site.Status.ACTIVE,
                    "service_director": staff.get(director),
                    "work_manager": staff.get(manager),
                },
            )
        for email, name, role, language, phone, site_names in spec["users"]:
            user = _user(email, name, role, language, phone)
            membership, _created = Membership.objects.update_or_create(
                user=user, defaults={"client": client}
            )
            membership.sites.set([sites[n] for n in site_names])
    return staff


def logins() -> list[str]:
    """The demo logins ``make run`` prints; the README's table lists the same."""
    return [
        "  Staff:",
        *(f"    {role.label:<20} {email}" for email, _n, role, *_rest in STAFF),
        "  Clients:",
        "    Client administrator mari.kuusk@measika.example (Measika, all stores)",
        "    Site contact         toomas.rebane@measika.example (store Mammu only)",
        "    Client administrator andrei.sokolov@nevsky.example (office centre)",
        "    Site contact         natalia.morozova@nevsky.example (Tower A only)",
        "    Private customer     li.na@example.com",
    ]

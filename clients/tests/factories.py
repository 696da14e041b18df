import factory

from accounts.roles import Role
from accounts.tests.factories import UserFactory
from clients.models import Client, Membership, Site


class ClientFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Client

    name = factory.Sequence(lambda n: f"Client {n} OÜ")
    registry_code = factory.Sequence(lambda n: f"{10000000 + n}")
    account_manager = factory.SubFactory(UserFactory, role=Role.ACCOUNT_MANAGER)


class SiteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Site

    client = factory.SubFactory(ClientFactory)
    name = factory.Sequence(lambda n: f"Store {n}")
    address = factory.Sequence(lambda n: f"Street {n}, Tallinn")
    service_director = factory.SubFactory(UserFactory, role=Role.SERVICE_DIRECTOR)
    work_manager = factory.SubFactory(UserFactory, role=Role.WORK_MANAGER)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory, role=Role.CLIENT_ADMIN)
    client = factory.SubFactory(ClientFactory)

    @factory.post_generation
    def sites(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.sites.set(extracted)

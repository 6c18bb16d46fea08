"""Factories for tests that need a small world of their own instead of the demo data set.

    region = NodeFactory()                                   # a root, with its own organisation
    unit = NodeFactory(parent=NodeFactory(parent=region, level=Level.ADMINISTRATION),
                       level=Level.UNIT)
    user = UserFactory(roles=[(region, Role.READER)])
    goal = GoalFactory(plan=PlanFactory(organisation=region.organisation))

Nodes are put into the tree through treebeard's manager (`add_root` / `add_child`), so paths,
depths and child counts are what the application would have written.
"""

from typing import Any

import factory
from factory.django import DjangoModelFactory

from nettonoll.accounts.models import User
from nettonoll.organisations.models import Level, Node, Organisation, Role, RoleGrant
from nettonoll.plans.models import Activity, ActivityStatus, Goal, GoalKind, Plan

PASSWORD = "testlosenord-42"  # the password every UserFactory user has


class OrganisationFactory(DjangoModelFactory[Organisation]):
    class Meta:
        model = Organisation
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"ORG{n}")
    name = factory.Sequence(lambda n: f"Region Test {n}")


class NodeFactory(DjangoModelFactory[Node]):
    """A node: the root of its organisation's tree when `parent` is None (the default), else a
    child of `parent` in the same organisation."""

    class Meta:
        model = Node

    parent: Any = None
    organisation = factory.LazyAttribute(
        lambda o: o.parent.organisation if o.parent is not None else OrganisationFactory()
    )
    code = factory.Sequence(lambda n: f"N{n}")
    name = factory.LazyAttribute(lambda o: f"Enhet {o.code}")
    level = factory.LazyAttribute(lambda o: Level.REGION if o.parent is None else Level.UNIT)

    @classmethod
    def _create(cls, model_class: type[Node], *args: Any, **kwargs: Any) -> Node:
        parent = kwargs.pop("parent", None)
        instance = model_class(*args, **kwargs)
        if parent is None:
            return model_class.objects.add_root(instance=instance)  # type: ignore[no-any-return]
        return model_class.objects.add_child(parent, instance=instance)  # type: ignore[no-any-return]

    @classmethod
    def _build(cls, model_class: type[Node], *args: Any, **kwargs: Any) -> Node:
        kwargs.pop("parent", None)
        return model_class(*args, **kwargs)


class UserFactory(DjangoModelFactory[User]):
    """A user with the password `PASSWORD`; `roles=[(node, Role.X), …]` grants roles."""

    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"person{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Person {n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def roles(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and extracted:
            for node, role in extracted:
                RoleGrantFactory(user=self, node=node, role=role)


class RoleGrantFactory(DjangoModelFactory[RoleGrant]):
    class Meta:
        model = RoleGrant

    user = factory.SubFactory(UserFactory)
    node = factory.SubFactory(NodeFactory)
    role = Role.READER


class PlanFactory(DjangoModelFactory[Plan]):
    class Meta:
        model = Plan

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Miljöplan {n}")
    period_start_year = 2024
    period_end_year = 2030
    level_names = factory.LazyFunction(lambda: ["Övergripande mål", "Delmål"])


class GoalFactory(DjangoModelFactory[Goal]):
    class Meta:
        model = Goal

    plan = factory.SubFactory(PlanFactory)
    code = factory.Sequence(lambda n: f"M{n}")
    title = factory.LazyAttribute(lambda o: f"Mål {o.code}")
    kind = GoalKind.ADMINISTRATION


class ActivityFactory(DjangoModelFactory[Activity]):
    """An activity on `node` working towards `goals` (a list; none by default)."""

    class Meta:
        model = Activity
        skip_postgeneration_save = True

    node = factory.SubFactory(NodeFactory)
    title = factory.Sequence(lambda n: f"Aktivitet {n}")
    status = ActivityStatus.IN_PROGRESS

    @factory.post_generation
    def goals(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and extracted:
            self.goals.set(extracted)

"""The access layer: one rule for every page, export, download and (later) API call.

A user's role grants are loaded once per request (`access_of(request)`). A role on a node holds for
its subtree. The one rule: a node the user holds no role on is not visible and answers 404; a
visible node whose action needs a stronger role answers 403. Pages about the whole organisation
(its carbon budget, factors, imports) are about its root node and follow the same rule.
"""

from dataclasses import dataclass
from functools import cached_property

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from nettonoll.accounts.models import User
from nettonoll.organisations.models import ROLE_RANK, Node, Organisation, Role, RoleGrant

NOT_VISIBLE = gettext_noop("Sidan finns inte eller så saknar du behörighet att se den.")


@dataclass(frozen=True)
class Crumb:
    """A step of a breadcrumb trail; `linked` is false for a node the user may not open."""

    node: Node
    linked: bool

    @property
    def name(self) -> str:
        return self.node.name

    @property
    def code(self) -> str:
        return self.node.code


class Access:
    """What one user may see and do, from their grants loaded once."""

    def __init__(self, user: object) -> None:
        self.user = user if isinstance(user, User) else None
        self._roots: dict[int, Node | None] = {}

    @property
    def is_service(self) -> bool:
        """True for a service key's access (api_keys.ServiceAccess): it reads, never writes."""
        return False

    @property
    def is_superuser(self) -> bool:
        return bool(self.user is not None and self.user.is_superuser)

    @cached_property
    def grants(self) -> list[RoleGrant]:
        if self.user is None or not self.user.is_authenticated:
            return []
        return list(
            RoleGrant.objects.filter(user=self.user)
            .select_related("node", "node__organisation")
            .order_by("node__organisation__name", "node__path")
        )

    def grants_in(self, organisation: Organisation) -> list[RoleGrant]:
        return [g for g in self.grants if g.node.organisation_id == organisation.pk]

    def rank(self, node: Node) -> int:
        """The strongest role held on the node or an ancestor (0: the node is not visible)."""
        if self.is_superuser:
            return ROLE_RANK[Role.ADMINISTRATOR]
        return max(
            (
                ROLE_RANK[Role(g.role)]
                for g in self.grants
                if g.node.organisation_id == node.organisation_id
                and node.path.startswith(g.node.path)
            ),
            default=0,
        )

    def can_view(self, node: Node | None) -> bool:
        return node is not None and self.rank(node) >= ROLE_RANK[Role.READER]

    def has(self, node: Node | None, role: Role) -> bool:
        return node is not None and self.rank(node) >= ROLE_RANK[role]

    def require(self, node: Node | None, role: Role = Role.READER, message: str = "") -> Node:
        """The node when the user holds `role` on it; 404 when they cannot see it, else 403."""
        if node is None or not self.can_view(node):
            raise Http404(_(NOT_VISIBLE))
        if not self.has(node, role):
            raise PermissionDenied(message or _("Din roll räcker inte för det här."))
        return node

    # -- lookups that apply the rule ------------------------------------------------------------

    def organisation(self, org_code: str) -> Organisation:
        """An organisation the user holds any role in (404 otherwise)."""
        organisation = Organisation.objects.filter(code=org_code).first()
        if organisation is None or not (self.is_superuser or self.grants_in(organisation)):
            raise Http404(_(NOT_VISIBLE))
        return organisation

    def root(self, organisation: Organisation) -> Node | None:
        if organisation.pk not in self._roots:
            self._roots[organisation.pk] = (
                Node.objects.get_root_nodes().filter(organisation=organisation).first()
            )
        return self._roots[organisation.pk]

    def require_root(
        self, organisation: Organisation, role: Role = Role.READER, message: str = ""
    ) -> Node:
        """The organisation's root node, for pages about the whole organisation."""
        return self.require(self.root(organisation), role, message)

    def require_for_organisation(self, node: Node, role: Role, message: str = "") -> None:
        """An action on a visible node that needs `role` for the whole organisation (such as
        reorganising the tree): 403 unless the role is held at the root."""
        self.require(node)
        if not self.has(self.root(node.organisation), role):
            raise PermissionDenied(message or _("Din roll räcker inte för det här."))

    def node(
        self, org_code: str, node_code: str, role: Role = Role.READER, message: str = ""
    ) -> Node:
        node = (
            Node.objects.select_related("organisation")
            .filter(organisation__code=org_code, code=node_code)
            .first()
        )
        return self.require(node, role, message)

    def start_node(self, organisation: Organisation) -> Node | None:
        """Where the user's view of an organisation starts: the root when they may see it,
        otherwise their highest granted node (None: no role there)."""
        root = self.root(organisation)
        if self.can_view(root):
            return root
        granted = [g.node for g in self.grants_in(organisation)]
        return min(granted, key=lambda n: n.depth) if granted else None

    def require_start(self, organisation: Organisation) -> Node:
        start = self.start_node(organisation)
        if start is None:
            raise Http404(_(NOT_VISIBLE))
        return start

    def top_nodes(self, organisation: Organisation) -> list[Node]:
        """The highest nodes the user may see: the root, or granted nodes not below another."""
        root = self.root(organisation)
        if self.can_view(root):
            return [root] if root is not None else []
        granted = [g.node for g in self.grants_in(organisation)]
        return [
            n for n in granted if not any(n.path.startswith(o.path) and n != o for o in granted)
        ]

    def home_node(self) -> Node | None:
        """The user's own unit: the node of their strongest role grant, when that is one node
        (None when they have several such grants, or none)."""
        if not self.grants:
            return None
        strongest = max(ROLE_RANK[Role(g.role)] for g in self.grants)
        nodes = {g.node for g in self.grants if ROLE_RANK[Role(g.role)] == strongest}
        return nodes.pop() if len(nodes) == 1 else None

    def node_from_query(self, request: HttpRequest, start: Node, key: str = "node") -> Node:
        """The node named in the query string (?node=CODE), checked; the start node without it."""
        code = request.GET.get(key)
        if not code:
            return start
        return self.node(start.organisation.code, code)

    def crumbs(self, node: Node) -> list[Crumb]:
        """The node's ancestors and itself; ancestors the user may not open are not linked."""
        return [Crumb(n, self.can_view(n)) for n in [*Node.objects.get_ancestors(node), node]]


def access_of(request: HttpRequest) -> Access:
    """The request's access, built once (grants loaded on first use)."""
    access = getattr(request, "_nettonoll_access", None)
    if access is None:
        access = Access(request.user)
        request._nettonoll_access = access  # type: ignore[attr-defined]
    return access

"""Serving a page of the tree in as few queries as its content needs.

Wagtail's `Page.route` reads each level of a URL twice (the base `Page` row, then its specific
row) and `get_view_restrictions` reads the ancestors again. Every level of this tree holds one
page type (`subpage_types`), so each level is read once, as its specific type
(`child_for_route`), and the page being served carries a flag saying whether a view restriction
applies to it or an ancestor (`is_restricted`), so that an unrestricted page is served without
asking again. A page type may go further (`route_in_one_query = True`, a talk): its page and every
ancestor down from the root are read in one SQL statement (`route_in_one_query()`), since even one
ORM query per level costs more CPU to build than the database takes to answer it.
"""

from django.db import connections, router
from django.db.models.sql.query import Query
from wagtail.models import Page, PageViewRestriction


class TreeRouteMixin:
    """Route to children in one query each; serve unrestricted pages without a restrictions query."""

    def child_for_route(self, slug: str, is_last: bool):
        """The child page for `slug`, specific, or None to let Wagtail look.

        `is_last`: the child is the page being served, so it needs `is_restricted`.
        """
        return None

    def route(self, request, path_components):
        if path_components:
            page = self.descendant_for_route(path_components)
            if page is not None:
                return page.route(request, [])
            child = self.child_for_route(path_components[0], is_last=len(path_components) == 1)
            if child is not None:
                # What Wagtail's own route does: get_parent() then needs no query.
                child._cached_parent_obj = self
                return child.route(request, path_components[1:])
        return super().route(request, path_components)

    # Set on a page type to route to its pages from the root in one query (`descendant_for_route`).
    route_in_one_query = False

    @classmethod
    def route_sql_columns(cls, alias: str) -> list[tuple[str, str]]:
        """[(attribute, SQL)]: values `route_in_one_query()` sets on a page of this type (`alias` is its row)."""
        return []

    def prefetch_for_page(self):
        """Fetch what this page's own page shows, once it is routed to."""

    def descendant_for_route(self, path_components):
        """The page at `path_components` below this one, with its ancestors linked, in one query; or None.

        Only where every level down holds one page type and the page's type asks for it
        (`route_in_one_query`): see `route_in_one_query()`.
        """
        chain = _single_type_chain(type(self), len(path_components))
        if chain is None or not all(issubclass(m, TreeRouteMixin) for m in chain) or not chain[-1].route_in_one_query:
            return None
        pages = route_in_one_query(self, chain, path_components)
        if pages is None:
            return None
        parent = self
        for page in pages:
            page._cached_parent_obj = parent
            parent = page
        page.prefetch_for_page()
        return page

    def _routed_chain(self):
        """This page and its ancestors down from the home page, when routing has linked them; else None."""
        chain, page = [self], self
        while page.depth > 2:
            page = getattr(page, "_cached_parent_obj", None)
            if page is None:
                return None
            chain.append(page)
        return chain

    def get_view_restrictions(self):
        # `is_restricted` covers this page and every ancestor by their paths. An alias takes its
        # source's restrictions instead, which only Wagtail's own lookup follows.
        chain = self._routed_chain()
        if getattr(self, "is_restricted", None) is False and chain and all(p.alias_of_id is None for p in chain):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    @property
    def breadcrumb_ancestors(self) -> list:
        """The ancestors under the site's root page (home first), without a query once routed."""
        chain = self._routed_chain()
        if chain is None:
            return list(self.get_ancestors().filter(depth__gt=1))
        return list(reversed(chain[1:]))


def first_or_none(queryset, **filters):
    """The one row matching `filters`, or None."""
    return next(iter(queryset.filter(**filters)[:1]), None)


def _single_type_chain(model, levels: int) -> list | None:
    """The page types of the `levels` levels below `model`, when each level allows exactly one; else None."""
    chain = []
    for _ in range(levels):
        allowed = model.allowed_subpage_models()
        if len(allowed) != 1:
            return None
        model = allowed[0]
        chain.append(model)
    return chain


def restricted_sql(alias: str) -> str:
    """SQL true when a view restriction applies to the page `alias` or an ancestor (`restricted_q()`'s rule)."""
    restriction, page = PageViewRestriction._meta.db_table, Page._meta.db_table
    # Table names from the models' metadata, never from input.
    return (
        f"EXISTS (SELECT 1 FROM {restriction} {alias}_r JOIN {page} {alias}_rp"  # noqa: S608
        f" ON {alias}_rp.id = {alias}_r.page_id"
        f" WHERE {alias}_rp.path = substr({alias}.path, 1, length({alias}_rp.path)))"
    )


def parent_path_sql(alias: str) -> str:
    """SQL for the tree path of the parent of the page `alias`."""
    return f"substr({alias}.path, 1, length({alias}.path) - {Page.steplen})"


_converters = {}


def _convert(model, db, connection, values):
    """Values as the ORM gives them (dates, booleans, StreamFields...), through the fields' own converters."""
    if (model, db) not in _converters:
        compiler = Query(model).get_compiler(using=db)
        fields = model._meta.concrete_fields
        _converters[(model, db)] = (
            compiler,
            compiler.get_converters([f.get_col(f.model._meta.db_table) for f in fields]),
        )
    compiler, converters = _converters[(model, db)]
    return list(next(iter(compiler.apply_converters([values], converters)))) if converters else list(values)


def route_in_one_query(root, chain: list, slugs: list):
    """The pages at `slugs` under `root` (one per model of `chain`), specific, in one plain SQL query; or None.

    Wagtail reads each level of a URL in turn, and even one ORM query per level costs more CPU to
    build than the database takes to answer it: a talk page's routing was two thirds of its CPU.
    This reads every level in one statement written from the models' own metadata (tables,
    columns and converters, so a new field is read too), with the last page's `is_restricted`
    flag and whatever columns each model adds for its page (`route_sql_columns`, e.g. a day's
    number). None when no page matches: Wagtail's own routing then answers (a 404, a route of a
    RoutablePage).
    """
    page_table = Page._meta.db_table
    db = router.db_for_read(Page)
    connection = connections[db]
    quote = connection.ops.quote_name
    columns, joins, where, params, extras = [], [], [], [], []
    parent = None
    for level, (model, slug) in enumerate(zip(chain, slugs, strict=True)):
        p, s = f"p{level}", f"s{level}"
        fields = model._meta.concrete_fields
        columns += [f"{p if f.model is Page else s}.{quote(f.column)}" for f in fields]
        parent_path = parent_path_sql(p)
        if parent is None:
            joins.append(f"FROM {page_table} {p}")
            where.append(f"{parent_path} = %s")
            params.append(root.path)
        else:
            joins.append(f"JOIN {page_table} {p} ON {parent_path} = {parent}.path")
        joins.append(f"JOIN {model._meta.db_table} {s} ON {s}.{quote(model._meta.pk.column)} = {p}.id")
        # The slug and depth select each level through their indexes; the path ties it to its parent.
        where.append(f"{p}.slug = %s AND {p}.depth = %s")
        params += [slug, root.depth + level + 1]
        extras += [(level, name, sql) for name, sql in model.route_sql_columns(p)]
        parent = p
    extras.append((len(chain) - 1, "is_restricted", restricted_sql(parent)))
    columns += [sql for _, _, sql in extras]
    # Table and column names come from the models' metadata; the slugs and the path are parameters.
    # LIMIT 1 (there is at most one row): PostgreSQL then costs the plan as the first row's, and
    # never JIT-compiles it on tables without statistics yet, which took seconds.
    sql = f"SELECT {', '.join(columns)} {' '.join(joins)} WHERE {' AND '.join(where)} LIMIT 1"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    if row is None:
        return None
    pages, start = [], 0
    for model in chain:
        fields = model._meta.concrete_fields
        values = _convert(model, db, connection, row[start : start + len(fields)])
        pages.append(model.from_db(db, [f.attname for f in fields], values))
        start += len(fields)
    for (level, name, _), value in zip(extras, row[start:], strict=True):
        setattr(pages[level], name, bool(value) if name == "is_restricted" else value)
    return pages

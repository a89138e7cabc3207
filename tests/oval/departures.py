"""The OVAL 5.11.2 results a test must give, as the schemas state them, for the generated matrices of
differential.py; and the rows of docs/oval-engine.md's table of departures that explain where oscap
gives another result.

expected_test() follows oval-results-schema.xsd TestType (what each object flag gives, and the
exceptions for an incomplete object) and the charts of oval-common-schema.xsd (ExistenceEnumeration,
CheckEnumeration, OperatorEnumeration). It reads them as docs/oval-engine.md says where they are
silent or disagree: a complete object with no item to check keeps its existence result, a test
without a state over an incomplete object holds when no further item could undo it, and all_exist
follows its chart (an item that does not exist makes it false).
"""

T, F, E, U, NE, NA = "true", "false", "error", "unknown", "not evaluated", "not applicable"


def counts(results):
    return {r: sum(1 for x in results if x == r) for r in (T, F, E, U, NE, NA)}


def check(rule, results):
    """CheckEnumeration's charts over individual results."""
    c = counts(results)
    if sum(c.values()) == c[NA]:
        return NA
    unclean = E if c[E] else U if c[U] else NE if c[NE] else None
    if rule == "all":
        if c[F]:
            return F
        return unclean or T
    if rule == "at least one":
        if c[T]:
            return T
        return unclean or F
    if rule == "only one":
        if c[T] >= 2:
            return F
        if unclean:
            return unclean
        return T if c[T] == 1 else F
    # none satisfy
    if c[T]:
        return F
    return unclean or T


def operator(op, results):
    """OperatorEnumeration's charts."""
    c = counts(results)
    unclean = E if c[E] else U if c[U] else NE if c[NE] else None
    if op == "AND":
        return F if c[F] else unclean or T
    if op == "OR":
        return T if c[T] else unclean or F
    if op == "ONE":
        if c[T] >= 2:
            return F
        return unclean or (T if c[T] == 1 else F)
    return unclean or (T if c[T] % 2 == 1 else F)  # XOR


def existence(rule, ex, de, er, nc):
    """ExistenceEnumeration's charts over item statuses."""
    if rule == "all_exist":
        if ex >= 1 and de == er == nc == 0:
            return T
        if de >= 1 or ex == er == nc == 0:
            return F
        return E if er else U
    if rule == "any_exist":
        return E if ex == 0 and er else T
    if rule == "none_exist":
        if ex:
            return F
        return E if er else U if nc else T
    if rule == "only_one_exists":
        if ex >= 2:
            return F
        if er:
            return E
        if nc:
            return U
        return T if ex == 1 else F
    if ex:
        return T
    return E if er else U if nc else F


def expected_test(case):
    """The test result of a definition of differential.checks()."""
    flag, items, rule = case["flag"], case["items"], case["existence"]
    if flag is None:
        return U  # TestType: no collected object of the test's object id
    if flag == "error":
        return E
    if flag == "not collected":
        return U
    if flag == "not applicable":
        return NA
    if flag == "does not exist":
        return T if rule in ("none_exist", "any_exist") else F
    ex = sum(1 for i in items if i in ("T", "F"))
    result = existence(rule, ex, items.count("DE"), items.count("ER"), items.count("NC"))
    incomplete = flag == "incomplete"
    bare = case["states"] == 0
    if incomplete:
        if rule == "none_exist" and ex >= 1:
            return F
        if rule == "only_one_exists" and ex >= 2:
            return F
        # TestType's third exception, when existence is determined true: more items cannot undo
        # any_exist, nor at_least_one_exists once an item exists; they could undo the others.
        if result != T or not (rule == "any_exist" or (rule == "at_least_one_exists" and ex >= 1)):
            return U
        if bare:
            return T
    if result != T or bare:
        return result
    checked = [i for i in items if i != "DE"]
    if not checked:
        return U if incomplete else result
    per_item = []
    for item in checked:
        if item == "ER":
            per_item.append(E)
        elif item == "NC":
            per_item.append(U)
        elif case["states"] == 1:
            per_item.append(T if item == "T" else F)
        else:  # is_one and is_two
            per_item.append(operator(case["operator"], [T, F] if item == "T" else [F, T]))
    result = check(case["check"], per_item)
    if incomplete and not (result == F or (result == T and case["check"] == "at least one")):
        return U
    return result


def expected_uncastable(case):
    """A definition of differential.uncastable(): the value that cannot be cast is an error, the one
    that can compares with itself."""
    per_item = [E]
    if case["items"] == 2:
        per_item.append(T if case["operation"] == "equals" else F)
    return check(case["check"], per_item)


# Departure -> the start of its row in docs/oval-engine.md's table.
DEPARTURES = {
    "boolean-true": "a boolean item written `True`",
    "does-not-exist-item": "an item with status `does not exist`",
    "not-collected-item": "an item with status `not collected`",
    "none-exist-error": "`none_exist` over one existing and one error item",
    "uncastable": "a value that cannot be cast to the state's datatype",
    "flag-decides": "an object flagged `error`, `not collected` or `not applicable`",
    "zero-items": "a `complete` object with no item to check",
    "incomplete-error": "an `incomplete` object whose only items are errors",
}


def classify(matrix, case, oscap):
    """Which documented departure explains oscap's result `oscap` for `case`, or None. Where two
    could, the item statuses oscap reads otherwise come first."""
    if matrix == "uncastable":
        return "uncastable"
    items, flag, rule = case["items"], case["flag"], case["existence"]
    if flag in ("error", "not collected", "not applicable"):
        return "flag-decides" if rule == "any_exist" and case["states"] == 0 and oscap == T else None
    if "NC" in items:
        return "not-collected-item"
    if "DE" in items:
        return "does-not-exist-item"
    if flag == "complete" and rule == "none_exist" and "ER" in items and oscap == E:
        return "none-exist-error"
    if flag == "complete" and not items and oscap == U:
        return "zero-items"
    if flag == "incomplete" and "ER" in items and not [i for i in items if i in ("T", "F")]:
        return "incomplete-error"
    return None

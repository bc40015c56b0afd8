"""KD101: KeInitializeEvent called with a Type that is not an EVENT_TYPE or a State that is not 0/1."""
from __future__ import annotations

from typing import Optional

from clang.cindex import Cursor

from kdlint.cursors import Call, constant_value, strip_casts, enum_of_constant, is_literal, referenced_decl, \
    source_text, type_name, unwrap
from kdlint.flow.cfg import children
from kdlint.model.events import events_of
from kdlint.results import Fix, Step
from kdlint.rule import Rule, Severity

EVENT_TYPE_ENUMS = ("enum _EVENT_TYPE", "EVENT_TYPE")
EVENT_TYPES = {0: "NotificationEvent", 1: "SynchronizationEvent"}


def _is_event_type(expr: Optional[Cursor]) -> bool:
    """An EVENT_TYPE enumerator, or an expression whose written type is EVENT_TYPE."""
    if enum_of_constant(referenced_decl(expr)) in EVENT_TYPE_ENUMS:
        return True
    return type_name(expr) in EVENT_TYPE_ENUMS


def _is_boolean(expr: Optional[Cursor]) -> bool:
    """An integer literal (TRUE, FALSE, 0, 1, (BOOLEAN)1) or an expression typed BOOLEAN."""
    return is_literal(expr) or type_name(expr) == "BOOLEAN"


class EventInitBadArguments(Rule):
    """KeInitializeEvent's Type is not an EVENT_TYPE, or its State is not TRUE/FALSE.

    ## What it does
    Checks the `Type` and `State` arguments of `KeInitializeEvent(Event, Type, State)`. `Type`
    must be `NotificationEvent` or `SynchronizationEvent` (an `EVENT_TYPE`); `State` is the
    BOOLEAN initial state, `TRUE` (signaled) or `FALSE`. The rule flags a `Type` written as a
    boolean or integer (`TRUE`, `FALSE`, `0`, `1`, a BOOLEAN variable), a `State` written as an
    `EVENT_TYPE`, a `State` constant other than 0 or 1, and swapped arguments such as
    `KeInitializeEvent(&e, FALSE, NotificationEvent)`.

    ## Why is this bad?
    Both parameters are small integers, so the compiler accepts any mix-up silently, and the
    event then behaves differently from what the code says. `KeInitializeEvent(&e, FALSE,
    SynchronizationEvent)` creates a *notification* event (`FALSE` is 0) that starts *signaled*
    (`SynchronizationEvent` is 1): the first wait returns at once, before the work it waits for
    is done, and every later wait too until someone resets it. `TRUE` as `Type` makes a
    synchronization event, which releases only one waiter and resets itself, where the author may
    have meant a notification event. Even where the values happen to coincide (`FALSE` and
    `NotificationEvent` are both 0) the call misleads the next reader and breaks as soon as one
    argument is edited. A State of 2 or more is not a BOOLEAN at all.

    ## Example
    ```c
    KEVENT event;
    KeInitializeEvent(&event, FALSE, NotificationEvent);
    ```

    Use instead:
    ```c
    KEVENT event;
    KeInitializeEvent(&event, NotificationEvent, FALSE);
    ```

    A `Type` or `State` passed through a local variable is judged by the value the variable
    always holds (every assignment of it in the function stores the same constant, and its
    address is never taken): `ULONG kind = TRUE; KeInitializeEvent(&e, kind, FALSE);` is
    flagged like `KeInitializeEvent(&e, TRUE, FALSE)`.

    ## Limitations
    A variable assigned different values, a parameter, or a field is not judged: its value is
    not known at the call.

    ## References
    - KeInitializeEvent function (wdm.h), WDK documentation
    - Event Objects, Windows kernel-mode guidance
    """

    id = "KD101"
    name = "event-init-bad-arguments"
    severity = Severity.ERROR
    precision = "very-high"
    tags = ("correctness",)
    calls = ("KeInitializeEvent",)

    def check_call(self, call: Call, ctx) -> None:
        type_arg, state_arg = call.arg(1), call.arg(2)
        if type_arg is None or state_arg is None:
            return
        type_text, state_text = source_text(type_arg), source_text(state_arg)
        if _is_boolean(type_arg) and _is_event_type(state_arg):
            ctx.report(self, call.cursor,
                       f"KeInitializeEvent arguments are swapped: Type is '{type_text}' and State "
                       f"is '{state_text}'; write KeInitializeEvent(..., {state_text}, {type_text})",
                       fixes=self._swap_fix(ctx, type_arg, state_arg, type_text, state_text))
            return
        if _is_boolean(type_arg) and not _is_event_type(type_arg):
            value = constant_value(unwrap(type_arg))
            if value in EVENT_TYPES:
                meaning = f"it is taken as {EVENT_TYPES[value]}"
            elif value is not None:
                meaning = f"{value} is not an EVENT_TYPE value"
            else:
                meaning = "its value is a BOOLEAN, not an EVENT_TYPE"
            ctx.report(self, type_arg,
                       f"KeInitializeEvent Type '{type_text}' is not NotificationEvent or "
                       f"SynchronizationEvent ({meaning})")
        if _is_event_type(state_arg):
            ctx.report(self, state_arg,
                       f"KeInitializeEvent State '{state_text}' is an EVENT_TYPE; State is the "
                       f"initial BOOLEAN state (TRUE or FALSE)")
            return
        value = constant_value(unwrap(state_arg))
        if value is not None and value not in (0, 1):
            shown = "" if state_text.strip() == str(value) else f" (its value is {value})"
            ctx.report(self, state_arg,
                       f"KeInitializeEvent State '{state_text}'{shown} is not a BOOLEAN; State "
                       f"must be TRUE or FALSE")

    def check_function(self, fn, ctx) -> None:
        """The arguments that are local variables whose value the event model knows."""
        fe = events_of(fn)
        for call in fn.calls_to("KeInitializeEvent"):
            type_arg, state_arg = call.arg(1), call.arg(2)
            if type_arg is None or state_arg is None:
                continue
            t_src = fe.known_value(type_arg) if not _is_boolean(type_arg) \
                and not _is_event_type(type_arg) else None
            s_src = fe.known_value(state_arg) if not _is_event_type(state_arg) \
                and constant_value(unwrap(state_arg)) is None else None
            t_bad = t_src is not None and not _is_event_type(t_src)
            s_evt = s_src is not None and _is_event_type(s_src)
            held = {a: f"'{source_text(a)}' (which holds {source_text(v)})"
                    for a, v in ((type_arg, t_src), (state_arg, s_src)) if v is not None}
            flow = [Step(ctx.span(v), f"'{source_text(a)}' is set to {source_text(v)}")
                    for a, v in ((type_arg, t_src), (state_arg, s_src)) if v is not None]
            if t_bad and s_evt:
                ctx.report(self, call.cursor,
                           f"KeInitializeEvent arguments are swapped: Type is {held[type_arg]} and "
                           f"State is {held[state_arg]}", related=flow)
                continue
            if t_bad:
                value = constant_value(strip_casts(t_src, children))
                meaning = f"it is taken as {EVENT_TYPES[value]}" if value in EVENT_TYPES \
                    else f"{value} is not an EVENT_TYPE value"
                ctx.report(self, type_arg,
                           f"KeInitializeEvent Type {held[type_arg]} is not NotificationEvent or "
                           f"SynchronizationEvent ({meaning})", related=flow)
            if s_evt:
                ctx.report(self, state_arg,
                           f"KeInitializeEvent State {held[state_arg]} is an EVENT_TYPE; State is "
                           f"the initial BOOLEAN state (TRUE or FALSE)", related=flow)
            elif s_src is not None:
                value = constant_value(strip_casts(s_src, children))
                if value not in (0, 1):
                    ctx.report(self, state_arg,
                               f"KeInitializeEvent State {held[state_arg]} is not a BOOLEAN; "
                               f"State must be TRUE or FALSE", related=flow)

    @staticmethod
    def _swap_fix(ctx, type_arg, state_arg, type_text, state_text) -> list[Fix]:
        a, b = ctx.span(type_arg), ctx.span(state_arg)
        if a.line != b.line or (a.line, a.column) >= (b.line, b.column):
            return []  # arguments from a macro or spread over lines: no mechanical fix
        whole = type(a)(a.path, a.line, a.column, b.end_line, b.end_column)
        return [Fix("Swap the Type and State arguments", whole, f"{state_text}, {type_text}")]

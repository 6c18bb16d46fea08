"""How an app adds a register or a child table (call from its `AppConfig.ready`): the
declaration is listed where pages, imports, exports and the CLI look, its records get a history
page readable by those who see their node, and they follow their node through a reorganisation."""

from itertools import count

from nettonoll.organisations.records import node_record_register
from nettonoll.registers.children import ChildTable, child_declare
from nettonoll.registers.declarations import REGISTERS, Register
from nettonoll.registers.reorganise import carrier_for

_ORDER = count(60)


def declare(register: Register) -> None:
    REGISTERS[register.key] = register
    node_record_register(register.slug, register.model, register.label, register.describe)
    carrier_for(register, next(_ORDER))


def declare_child(table: ChildTable) -> None:
    child_declare(table)

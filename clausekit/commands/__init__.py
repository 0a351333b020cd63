"""click commands, one module per area; imported lazily by ``clausekit.cli``."""

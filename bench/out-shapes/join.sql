SELECT count(*), sum(l.qty * p.v) FROM lines l JOIN parts p ON p.id = l.part_id;

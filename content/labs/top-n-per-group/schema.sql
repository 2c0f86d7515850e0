CREATE TABLE employees (
  id integer PRIMARY KEY,
  name text NOT NULL,
  department text,
  salary integer NOT NULL
);

INSERT INTO employees (id, name, department, salary) VALUES
  (1, 'Grace', 'Engineering', 190000),
  (2, 'Linus', 'Engineering', 170000),
  (3, 'Ada', 'Engineering', 150000),
  (4, 'Dana', 'Sales', 95000),
  (5, 'Omar', 'Sales', 90000),
  (6, 'Rosa', 'Sales', 85000),
  (7, 'Ivy', 'Support', 60000);

-- Return department, name, salary of the two best-paid employees per department.
SELECT department, name, salary
FROM employees;

net "quoted name" {
 node a
 {
  TYPE = CPT;
  HEADER =
  {
   ID = a;
   NAME = "a count";
  };
  PARENTS = ();
  DEFINITION =
  {
   NAMESTATES = (0, 1, 2);
   PROBABILITIES = (0.2, 0.3, 0.5);
  };
 };
  node t
  {
    TYPE = TRUTHTABLE;
    HEADER =
    {
      ID = t;
      NAME = "t";
    };
    PARENTS = (a);
    DEFINITION =
    {
      NAMESTATES = (on, off);
      PROBABILITIES = (1, 0, 0, 1, 1, 0);
    };
  };
};
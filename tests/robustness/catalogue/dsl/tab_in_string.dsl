net "My	network"
{
	node a
	{
		TYPE = CPT;
		HEADER =
		{
			ID = a;
			NAME = "a";
		};
		PARENTS = ();
		DEFINITION =
		{
			NAMESTATES = (yes, no);
			PROBABILITIES = (0.3, 0.7);
		};
	};
	node b
	{
		TYPE = CPT;
		HEADER =
		{
			ID = b;
			NAME = "b";
		};
		PARENTS = (a);
		DEFINITION =
		{
			NAMESTATES = (yes, no);
			PROBABILITIES = (0.9, 0.1, 0.2, 0.8);
		};
	};
};

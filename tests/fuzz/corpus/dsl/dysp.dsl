net Unnamed
{
	node bronc
	{
		TYPE = CPT;
		HEADER =
		{
			ID = bronc;
			NAME = "bronc";
		};
		PARENTS = ();
		DEFINITION =
		{
			NAMESTATES = (yes, no);
			PROBABILITIES = (0.45, 0.55);
		};
	};
	node either
	{
		TYPE = CPT;
		HEADER =
		{
			ID = either;
			NAME = "either";
		};
		PARENTS = ();
		DEFINITION =
		{
			NAMESTATES = (yes, no);
			PROBABILITIES = (0.06, 0.94);
		};
	};
	node dysp
	{
		TYPE = CPT;
		HEADER =
		{
			ID = dysp;
			NAME = "dysp";
		};
		PARENTS = (bronc, either);
		DEFINITION =
		{
			NAMESTATES = (yes, no);
			PROBABILITIES = (0.9, 0.1, 0.8, 0.2, 0.7, 0.3, 0.1, 0.9);
		};
	};
};

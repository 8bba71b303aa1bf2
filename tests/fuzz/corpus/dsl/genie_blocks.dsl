net Unnamed
{
	NUMSAMPLES = 1000;
	node a
	{
		TYPE = CPT;
		HEADER =
		{
			ID = a;
			NAME = "a";
		};
		SCREEN =
		{
			POSITION =
			{
				CENTER_X = 168;
				CENTER_Y = 229;
			};
			COLOR = 16250597;
		};
		USER_PROPERTIES =
		{
		};
		DOCUMENTATION =
		{
		};
		PARENTS = ();
		DEFINITION =
		{
			NAMESTATES = (yes, no);
			PROBABILITIES = (0.3, 0.7);
		};
		EXTRA_DEFINITION =
		{
			DIAGNOSIS_TYPE = AUXILIARY;
			FAULT_NAMES = ("", "");
			DOCUMENTATION =
			{
			};
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
	OBSERVATION_COST =
	{
		node a
		{
			PARENTS = ();
			COSTS = (0.0);
		};
	};
};

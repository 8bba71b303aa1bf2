net my_net
{
	HEADER =
	{
		ID = my_net;
		NAME = "my net";
		COMMENT = "File created by pitchrisk; HEADER NAME and STATECOMMENTS hold the names";
	};
	node s2_cars
	{
		TYPE = CPT;
		HEADER =
		{
			ID = s2_cars;
			NAME = "2 cars";
		};
		PARENTS = ();
		DEFINITION =
		{
			NAMESTATES = (s0_5, more_than_5);
			PROBABILITIES = (0.25, 0.75);
		};
		EXTRA_DEFINITION =
		{
			STATECOMMENTS = ("0-5", "more than 5");
		};
	};
};

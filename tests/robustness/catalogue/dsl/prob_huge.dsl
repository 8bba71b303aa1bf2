net Unnamed
{
	node p1
	{
		TYPE = CPT;
		HEADER =
		{
			ID = p1;
			NAME = "p1";
		};
		PARENTS = ();
		DEFINITION =
		{
			NAMESTATES = (y, n);
			PROBABILITIES = (0.5, 0.5);
		};
	};
	node p2
	{
		TYPE = CPT;
		HEADER =
		{
			ID = p2;
			NAME = "p2";
		};
		PARENTS = ();
		DEFINITION =
		{
			NAMESTATES = (y, n);
			PROBABILITIES = (0.5, 0.5);
		};
	};
	node p3
	{
		TYPE = CPT;
		HEADER =
		{
			ID = p3;
			NAME = "p3";
		};
		PARENTS = ();
		DEFINITION =
		{
			NAMESTATES = (y, n);
			PROBABILITIES = (0.5, 0.5);
		};
	};
	node p4
	{
		TYPE = CPT;
		HEADER =
		{
			ID = p4;
			NAME = "p4";
		};
		PARENTS = ();
		DEFINITION =
		{
			NAMESTATES = (y, n);
			PROBABILITIES = (0.5, 0.5);
		};
	};
	node p5
	{
		TYPE = CPT;
		HEADER =
		{
			ID = p5;
			NAME = "p5";
		};
		PARENTS = ();
		DEFINITION =
		{
			NAMESTATES = (y, n);
			PROBABILITIES = (0.5, 0.5);
		};
	};
	node p6
	{
		TYPE = CPT;
		HEADER =
		{
			ID = p6;
			NAME = "p6";
		};
		PARENTS = ();
		DEFINITION =
		{
			NAMESTATES = (y, n);
			PROBABILITIES = (0.5, 0.5);
		};
	};
	node p7
	{
		TYPE = CPT;
		HEADER =
		{
			ID = p7;
			NAME = "p7";
		};
		PARENTS = ();
		DEFINITION =
		{
			NAMESTATES = (y, n);
			PROBABILITIES = (0.5, 0.5);
		};
	};
	node p8
	{
		TYPE = CPT;
		HEADER =
		{
			ID = p8;
			NAME = "p8";
		};
		PARENTS = ();
		DEFINITION =
		{
			NAMESTATES = (y, n);
			PROBABILITIES = (0.5, 0.5);
		};
	};
	node p9
	{
		TYPE = CPT;
		HEADER =
		{
			ID = p9;
			NAME = "p9";
		};
		PARENTS = ();
		DEFINITION =
		{
			NAMESTATES = (y, n);
			PROBABILITIES = (0.5, 0.5);
		};
	};
	node p10
	{
		TYPE = CPT;
		HEADER =
		{
			ID = p10;
			NAME = "p10";
		};
		PARENTS = ();
		DEFINITION =
		{
			NAMESTATES = (y, n);
			PROBABILITIES = (0.5, 0.5);
		};
	};
	node p11
	{
		TYPE = CPT;
		HEADER =
		{
			ID = p11;
			NAME = "p11";
		};
		PARENTS = ();
		DEFINITION =
		{
			NAMESTATES = (y, n);
			PROBABILITIES = (0.5, 0.5);
		};
	};
	node p12
	{
		TYPE = CPT;
		HEADER =
		{
			ID = p12;
			NAME = "p12";
		};
		PARENTS = ();
		DEFINITION =
		{
			NAMESTATES = (y, n);
			PROBABILITIES = (0.5, 0.5);
		};
	};
	node p13
	{
		TYPE = CPT;
		HEADER =
		{
			ID = p13;
			NAME = "p13";
		};
		PARENTS = ();
		DEFINITION =
		{
			NAMESTATES = (y, n);
			PROBABILITIES = (0.5, 0.5);
		};
	};
	node p14
	{
		TYPE = CPT;
		HEADER =
		{
			ID = p14;
			NAME = "p14";
		};
		PARENTS = ();
		DEFINITION =
		{
			NAMESTATES = (y, n);
			PROBABILITIES = (0.5, 0.5);
		};
	};
	node p15
	{
		TYPE = CPT;
		HEADER =
		{
			ID = p15;
			NAME = "p15";
		};
		PARENTS = ();
		DEFINITION =
		{
			NAMESTATES = (y, n);
			PROBABILITIES = (0.5, 0.5);
		};
	};
	node p16
	{
		TYPE = CPT;
		HEADER =
		{
			ID = p16;
			NAME = "p16";
		};
		PARENTS = ();
		DEFINITION =
		{
			NAMESTATES = (y, n);
			PROBABILITIES = (0.5, 0.5);
		};
	};
	node p17
	{
		TYPE = CPT;
		HEADER =
		{
			ID = p17;
			NAME = "p17";
		};
		PARENTS = ();
		DEFINITION =
		{
			NAMESTATES = (y, n);
			PROBABILITIES = (0.5, 0.5);
		};
	};
	node p18
	{
		TYPE = CPT;
		HEADER =
		{
			ID = p18;
			NAME = "p18";
		};
		PARENTS = ();
		DEFINITION =
		{
			NAMESTATES = (y, n);
			PROBABILITIES = (0.5, 0.5);
		};
	};
	node p19
	{
		TYPE = CPT;
		HEADER =
		{
			ID = p19;
			NAME = "p19";
		};
		PARENTS = ();
		DEFINITION =
		{
			NAMESTATES = (y, n);
			PROBABILITIES = (0.5, 0.5);
		};
	};
	node p20
	{
		TYPE = CPT;
		HEADER =
		{
			ID = p20;
			NAME = "p20";
		};
		PARENTS = ();
		DEFINITION =
		{
			NAMESTATES = (y, n);
			PROBABILITIES = (0.5, 0.5);
		};
	};
	node p21
	{
		TYPE = CPT;
		HEADER =
		{
			ID = p21;
			NAME = "p21";
		};
		PARENTS = ();
		DEFINITION =
		{
			NAMESTATES = (y, n);
			PROBABILITIES = (0.5, 0.5);
		};
	};
	node p22
	{
		TYPE = CPT;
		HEADER =
		{
			ID = p22;
			NAME = "p22";
		};
		PARENTS = ();
		DEFINITION =
		{
			NAMESTATES = (y, n);
			PROBABILITIES = (0.5, 0.5);
		};
	};
	node p23
	{
		TYPE = CPT;
		HEADER =
		{
			ID = p23;
			NAME = "p23";
		};
		PARENTS = ();
		DEFINITION =
		{
			NAMESTATES = (y, n);
			PROBABILITIES = (0.5, 0.5);
		};
	};
	node p24
	{
		TYPE = CPT;
		HEADER =
		{
			ID = p24;
			NAME = "p24";
		};
		PARENTS = ();
		DEFINITION =
		{
			NAMESTATES = (y, n);
			PROBABILITIES = (0.5, 0.5);
		};
	};
	node p25
	{
		TYPE = CPT;
		HEADER =
		{
			ID = p25;
			NAME = "p25";
		};
		PARENTS = ();
		DEFINITION =
		{
			NAMESTATES = (y, n);
			PROBABILITIES = (0.5, 0.5);
		};
	};
	node p26
	{
		TYPE = CPT;
		HEADER =
		{
			ID = p26;
			NAME = "p26";
		};
		PARENTS = ();
		DEFINITION =
		{
			NAMESTATES = (y, n);
			PROBABILITIES = (0.5, 0.5);
		};
	};
	node p27
	{
		TYPE = CPT;
		HEADER =
		{
			ID = p27;
			NAME = "p27";
		};
		PARENTS = ();
		DEFINITION =
		{
			NAMESTATES = (y, n);
			PROBABILITIES = (0.5, 0.5);
		};
	};
	node p28
	{
		TYPE = CPT;
		HEADER =
		{
			ID = p28;
			NAME = "p28";
		};
		PARENTS = ();
		DEFINITION =
		{
			NAMESTATES = (y, n);
			PROBABILITIES = (0.5, 0.5);
		};
	};
	node p29
	{
		TYPE = CPT;
		HEADER =
		{
			ID = p29;
			NAME = "p29";
		};
		PARENTS = ();
		DEFINITION =
		{
			NAMESTATES = (y, n);
			PROBABILITIES = (0.5, 0.5);
		};
	};
	node p30
	{
		TYPE = CPT;
		HEADER =
		{
			ID = p30;
			NAME = "p30";
		};
		PARENTS = ();
		DEFINITION =
		{
			NAMESTATES = (y, n);
			PROBABILITIES = (0.5, 0.5);
		};
	};
	node p0
	{
		TYPE = CPT;
		HEADER =
		{
			ID = p0;
			NAME = "p0";
		};
		PARENTS = (p1, p2, p3, p4, p5, p6, p7, p8, p9, p10, p11, p12, p13, p14, p15, p16, p17, p18, p19, p20, p21, p22, p23, p24, p25, p26, p27, p28, p29, p30);
		DEFINITION =
		{
			NAMESTATES = (y, n);
			PROBABILITIES = (0.5, 0.5);
		};
	};
};

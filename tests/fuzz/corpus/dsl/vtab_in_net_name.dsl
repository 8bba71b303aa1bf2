net "qšCENTER_:Yd maná" {

};
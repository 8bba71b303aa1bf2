network x {
}

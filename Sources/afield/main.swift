print("afield")

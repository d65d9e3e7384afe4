print("fgsync")

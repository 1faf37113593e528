from qatool.cli import main

main()

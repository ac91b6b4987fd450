from planmaker.cli import main

main()

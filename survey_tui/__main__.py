from survey_tui.cli import main

main()

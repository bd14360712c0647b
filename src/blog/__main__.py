from blog.cli import main
import sys

sys.exit(main())

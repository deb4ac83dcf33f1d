"""What the open lesson needs in the kernel: finding what is missing, and installing it."""

//! `/hello` of the `hello-world` image: Docker's greeting (docker-library/hello-world,
//! `hello.c` built for amd64).

use crate::shell::Ctx;

/// The message `hello.c` writes, for the `hello-world` image on amd64.
pub const GREETING: &str = "
Hello from Docker!
This message shows that your installation appears to be working correctly.

To generate this message, Docker took the following steps:
 1. The Docker client contacted the Docker daemon.
 2. The Docker daemon pulled the \"hello-world\" image from the Docker Hub.
    (amd64)
 3. The Docker daemon created a new container from that image which runs the
    executable that produces the output you are currently reading.
 4. The Docker daemon streamed that output to the Docker client, which sent it
    to your terminal.

To try something more ambitious, you can run an Ubuntu container with:
 $ docker run -it ubuntu bash

Share images, automate workflows, and more with a free Docker ID:
 https://hub.docker.com/

For more examples and ideas, visit:
 https://docs.docker.com/get-started/

";

/// Writes the greeting (the program takes no arguments and ignores any).
pub fn hello(ctx: &mut Ctx<'_>) -> i32 {
    ctx.out(GREETING);
    0
}
